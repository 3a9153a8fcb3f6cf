/**
 * Citizen-facing strings from locales/*.yaml. Keys are declared once (STRING_KEYS) so the compiler
 * rejects an unknown key in code and `pasapas validate` reports missing and unused ones.
 */
import { elide } from './elision';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LOCALES, type Locale } from './locale';

export const STRING_KEYS = [
  'welcome.greeting', 'welcome.privacy', 'welcome.language', 'welcome.short',
  'menu.question', 'menu.mediator',
  'choice.yes', 'choice.no', 'choice.stuck',
  'step.counter', 'step.check', 'step.noDefault', 'step.dontKnowStuck', 'step.simpler', 'step.whatBlocks',
  'needs.intro', 'needs.question', 'needs.yes', 'needs.no', 'needs.missing', 'needs.missingGuide', 'needs.doFirst', 'needs.doFirstWords', 'needs.doFirstThenBack', 'needs.oneByOne', 'needs.oneByOneRest', 'needs.unsure', 'needs.unsureOne', 'needs.counter', 'needs.have', 'needs.someMissing', 'needs.startAnyway', 'needs.later', 'needs.allThere',
  'guide.start', 'guide.link', 'guide.whereWeAre', 'guide.done', 'guide.finishedCheck', 'guide.finishedNext', 'guide.finishedDoubt', 'guide.finishedFailed', 'guide.finishedMail', 'guide.updated', 'guide.updatedRestart', 'guide.unknown', 'guide.today', 'guide.youSaid', 'guide.keptForLater', 'guide.notNeeded', 'guide.amountDepends', 'guide.whyNeeds', 'guide.whyStep', 'guide.codeHelp', 'guide.codeHelpImpots', 'guide.codeHelpCaf', 'guide.passwordHelp', 'guide.passwordHelpFranceConnect', 'guide.notThisQuestion', 'guide.keptAside', 'guide.backTo', 'guide.notThatAnswer', 'guide.shortWord', 'guide.whichAnswer', 'guide.buttonStep', 'guide.buttonUsual', 'guide.buttonPerson',
  'length.all', 'length.left', 'length.last', 'length.pause', 'length.answerTime',
  'resume.question', 'resume.yes', 'resume.no', 'resume.going', 'resume.nothing', 'several.list', 'several.listTwo', 'several.next', 'several.nextOne', 'several.keptUnsure', 'several.which',
  'understand.choice', 'understand.sameProblem', 'understand.cannotAnswer', 'understand.dontKnowWhat', 'understand.free', 'understand.unknownTopic', 'understand.personForThis', 'understand.difficult', 'understand.miss1', 'understand.miss2', 'understand.miss3', 'understand.noSuchNumber',
  'understand.offerHelp', 'understand.offerPhone', 'understand.dontKnow', 'understand.pick', 'understand.pickNone', 'understand.pickWhich', 'whatIs.orgGuides', 'whatIs.later', 'understand.noneFits', 'understand.stepAgain', 'understand.cannotExplain', 'understand.dateUnknown',
  'whatIs.question', 'whatIs.questionNamed', 'whatIs.start', 'whatIs.notNow',
  'correction.which', 'correction.ownWords', 'correction.ownWordsKept',
  'help.question', 'help.person', 'help.place', 'help.goOn', 'help.goOnGuide', 'help.learn', 'help.nextUnpaid', 'help.nextLetter', 'help.menu', 'help.startGuide', 'help.startTogether',
  'kind.helpMe', 'kind.later', 'kind.missedDate', 'kind.distress', 'kind.fear', 'kind.shame', 'kind.sad', 'kind.anger', 'kind.lonely', 'kind.ill', 'kind.unskilled', 'kind.bereavement', 'kind.thanks', 'kind.stillHere', 'kind.thanksMore', 'kind.whatNext', 'kind.whatNextAgain', 'kind.whatNextStuck', 'kind.bye', 'kind.cannotRead', 'kind.noComputer', 'kind.ownPhone', 'kind.forRelative', 'kind.sight', 'kind.hearing', 'kind.sorry', 'kind.health', 'kind.urgent', 'kind.companion', 'kind.letter', 'kind.letterReceived', 'kind.letterMessage', 'kind.wait', 'kind.waitMenu', 'kind.battery', 'kind.batteryMenu', 'kind.back', 'kind.remindNoPush', 'kind.remindOther', 'kind.remindNoPushHome', 'kind.remindOtherHome', 'kind.unpaid', 'kind.paidTrouble', 'kind.moved', 'kind.homeless', 'kind.remindHave', 'kind.unsureWhat', 'kind.firstUnsure',
  'kind.usualHelper', 'kind.helperGone', 'kind.helperLost', 'kind.whereToStart', 'help.together', 'help.aidants',
  'life.reversion', 'life.death', 'life.jobLoss', 'life.jobLossChange', 'life.separation', 'life.separationChange', 'life.birth', 'life.birthChange',
  'trouble.question', 'trouble.login', 'trouble.loginWords', 'trouble.noAccount', 'trouble.noAccountWords', 'trouble.other', 'trouble.otherWords', 'trouble.createdWith',
  'trouble.siteAmeli', 'trouble.siteCaf', 'trouble.siteImpots', 'trouble.siteFranceTravail', 'trouble.siteAnts',
  'trouble.whichAccount', 'trouble.accountAmeli', 'trouble.accountCaf', 'trouble.accountImpots', 'trouble.accountFranceTravail', 'trouble.accountAnts',
  'money.asked', 'money.cannot', 'money.safe', 'money.taxes', 'money.caf', 'money.fine', 'money.fineAsked', 'money.bill', 'money.other',
  'scam.warning', 'scam.warningCall', 'scam.asked', 'scam.askedLetter', 'scam.paid', 'scam.codeGiven', 'scam.checkPay', 'scam.notThePrice', 'scam.notThePrices', 'scam.paidHelper',
  'input.empty', 'input.puzzled', 'input.shrug', 'input.noWords', 'input.tooLong', 'input.photo',
  'command.help', 'command.quitGuide', 'command.quit', 'command.backAtStart', 'command.stop', 'command.start',
  'handoff.consent', 'handoff.consentNoGuide', 'handoff.whichOne', 'handoff.topicNoted', 'handoff.problemNoted', 'callback.ownPhone', 'callback.ownOther', 'callback.ownOtherWords', 'handoff.consentYes', 'handoff.consentNo', 'handoff.declined', 'handoff.queued', 'handoff.queuedNoEstimate', 'handoff.position', 'handoff.forwarded', 'handoff.forwardedAgain', 'handoff.stillWaiting', 'handoff.stillWaitingAgain', 'handoff.byeWaiting', 'handoff.thanksWaiting', 'handoff.cancelled', 'handoff.claimed', 'handoff.mediatorSays', 'handoff.closed', 'handoff.helpedFor', 'handoff.helpedEarlier', 'handoff.helpedBefore', 'handoff.released', 'handoff.unavailableNow', 'handoff.nextOpening', 'handoff.backUnknown', 'handoff.expired', 'handoff.alternatives', 'handoff.optCallback', 'handoff.optPlace', 'handoff.optBack', 'handoff.stillNobody', 'handoff.unsure', 'handoff.optCallbackWords', 'handoff.optPlaceWords', 'handoff.optBackWords', 'handoff.placeSoon', 'handoff.external', 'handoff.externalFailed', 'handoff.dataWarning', 'handoff.askPostalCode', 'handoff.badPostalCode', 'handoff.satisfactionQuestion', 'handoff.satisfactionGood', 'handoff.satisfactionFair', 'handoff.satisfactionPoor', 'handoff.satisfactionThanks', 'callback.askPhone', 'callback.personCalls', 'callback.badPhone', 'callback.badPhoneAgain', 'callback.noPhone', 'callback.confirmPhone', 'callback.askTime', 'callback.badTime', 'callback.closedThen', 'callback.pastTime', 'callback.done', 'callback.doneNoHours', 'callback.pending', 'callback.pendingNoHours', 'callback.pendingLate', 'handoff.optBooking', 'handoff.optBookingWords', 'handoff.booking', 'handoff.transferred', 'handoff.transferredTerritory',
  'voice.heard', 'voice.yes', 'voice.no', 'voice.writeInstead', 'voice.heardForMediator', 'voice.transcriptForMediator', 'voice.notHeardForMediator', 'voice.audioForMediator',
  'voice.off', 'voice.tooLong', 'voice.failed', 'voice.writeOrCall', 'voice.write',
  'call.choice', 'call.linkBySms', 'call.silence', 'call.bye', 'call.nothing', 'call.hiddenNumber', 'call.dialing', 'call.dialOver', 'call.lineNoAnswer',
  'channel.more', 'channel.slowDown', 'channel.tooManyToday', 'channel.cannotRead', 'channel.listButton',
  'reminder.offerActualisation', 'reminder.offerCaf', 'reminder.yes', 'reminder.no', 'reminder.saved', 'reminder.declined',
  'reminder.dueActualisation', 'reminder.dueCaf', 'reminder.none', 'reminder.list', 'reminder.item', 'reminder.labelActualisation',
  'reminder.labelCaf', 'reminder.cancelQuestion', 'reminder.cancelOne', 'reminder.keep', 'reminder.cancelled', 'reminder.kept',
  'selfcheck.intro', 'selfcheck.counter', 'selfcheck.qEmail', 'selfcheck.qSmartphone', 'selfcheck.qComputer', 'selfcheck.qAttach',
  'selfcheck.qFranceconnect', 'selfcheck.unsure', 'selfcheck.resultEquipment', 'selfcheck.resultBeginner', 'selfcheck.resultIntermediate',
  'selfcheck.resultAutonomous', 'selfcheck.next', 'selfcheck.startGuide', 'selfcheck.places', 'selfcheck.menu', 'selfcheck.offer',
  'privacy.eraseConfirm', 'privacy.eraseYes', 'privacy.eraseNo', 'privacy.erased', 'privacy.kept',
  'privacy.pageTitle', 'privacy.pageWhat', 'privacy.pageHowLong', 'privacy.pageNever', 'privacy.pageErase', 'privacy.pageWho',
  'error.generic',
  'link.gone', 'link.broken', 'link.unavailable',
  'intent.passNumerique', 'intent.apprendre', 'intent.aideProximite',
  'language.switched', 'language.switchedAuto',
  'sheet.brand', 'sheet.indexTitle', 'sheet.indexIntro', 'sheet.safety', 'sheet.needs', 'sheet.ifMissing', 'sheet.steps', 'sheet.address',
  'sheet.ifStuck', 'sheet.case', 'sheet.end', 'sheet.sources', 'sheet.checkedOn', 'sheet.checkedBetween', 'sheet.checked', 'sheet.seeSheet', 'sheet.help', 'sheet.footer',
  'places.ask', 'places.inPerson', 'places.retry', 'places.notFound', 'places.pick', 'places.intro', 'places.none', 'places.title', 'places.titleNoDistance', 'places.openUntil', 'places.open', 'places.closedNext', 'places.closed', 'places.today', 'places.tomorrow', 'places.dayAt', 'places.hoursText', 'places.weekTitle', 'places.dayHours', 'places.span', 'places.midnight', 'places.closedDay', 'places.dayPair', 'places.dayRange', 'places.todayWord', 'places.weekTitleShort', 'places.weekTitleShortComing', 'places.weekDaysSms', 'places.dayHoursShort', 'places.spanShort', 'places.nowTitle', 'places.weekHint', 'places.onDay', 'places.placeOnDay', 'places.hoursUnknownDay', 'places.hoursUnknown', 'places.hoursOld', 'places.hoursOldNoPhone', 'places.appointment', 'places.rdvTitle', 'places.priceTitle', 'places.free', 'places.freeFranceServices', 'places.freeConseiller', 'places.freeAidantsConnect', 'places.rdvBook', 'places.rdvNeeded', 'places.rdvNeededPhone', 'places.rdvUnknownPhone', 'places.rdvUnknown', 'places.phone', 'places.booking', 'places.svcDemarches', 'places.svcTools', 'places.passNumerique', 'places.footer', 'places.updated', 'places.introFranceServices', 'places.person', 'places.next', 'places.elsewhere', 'places.toMenu', 'places.placeWord',
] as const;
export type StringKey = (typeof STRING_KEYS)[number];

export type Vars = Record<string, string | number>;

function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = typeof obj === 'string' ? obj : String(obj ?? '');
  }
  return out;
}

export interface LocaleProblem {
  file: string;
  key: string;
  message: string;
}

export class Strings {
  constructor(private readonly table: Record<Locale, Record<string, string>>) {}

  static load(dir: string): Strings {
    const table = {} as Record<Locale, Record<string, string>>;
    for (const locale of LOCALES) table[locale] = flatten(parse(readFileSync(join(dir, `${locale}.yaml`), 'utf8')));
    return new Strings(table);
  }

  t(locale: Locale, key: StringKey, vars: Vars = {}): string {
    const template = this.table[locale][key] ?? this.table.fr[key] ?? key;
    // Most strings have no placeholder: no pattern to run (t is called many times a turn).
    if (!template.includes('{')) return template;
    if (locale !== 'fr') return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
    // French: "près de {place}" with Amiens is "près d'Amiens" (src/i18n/elision.ts).
    let out = '';
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      const name = m[1];
      const text = template.slice(last, m.index);
      last = m.index + m[0].length;
      if (!(name in vars)) {
        out += text + m[0];
        continue;
      }
      const e = elide(out + text, String(vars[name]));
      out = e.before + e.value;
    }
    return out + template.slice(last);
  }

  /** Missing keys (declared but absent or empty in a locale) and unused ones (present, not declared). */
  problems(): LocaleProblem[] {
    const out: LocaleProblem[] = [];
    const declared = new Set<string>(STRING_KEYS);
    for (const locale of LOCALES) {
      const file = `locales/${locale}.yaml`;
      for (const key of STRING_KEYS) {
        if (!this.table[locale][key]?.trim()) out.push({ file, key, message: 'missing key' });
      }
      for (const key of Object.keys(this.table[locale])) {
        if (!declared.has(key)) out.push({ file, key, message: 'unused key (not declared in src/i18n/strings.ts)' });
      }
    }
    return out;
  }
}
