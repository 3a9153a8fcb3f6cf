/**
 * The console's configuration, written by the server into
 * <script type="application/json" id="pasapas-console-config"> (see src/mediator/pages.ts), and the
 * list of UI string keys shared by the server (which loads and checks locales/console.*.yaml) and
 * the browser (which only formats).
 */
export const CONSOLE_CONFIG_ID = 'pasapas-console-config';

export const CONSOLE_STRING_KEYS = [
  'pageTitle', 'appName', 'skip', 'noscript',
  'loginTitle', 'loginIntro', 'proconnect', 'territory', 'territoryHint', 'username', 'password', 'login', 'loggingIn',
  'loginMissing', 'loginFailed', 'loginTooMany', 'loginError', 'sessionExpired', 'loggedOut', 'idleLoggedOut',
  'identity', 'report', 'reportFailed', 'presence', 'onDuty', 'offDuty', 'presenceOn', 'presenceOff', 'sound', 'logout',
  'queueTitle', 'mineTitle', 'mineEmpty', 'waitingTitle', 'waitingEmpty', 'waitingCount', 'position', 'waitingFor',
  'waitingNow', 'minutes', 'hours', 'days', 'stepOf', 'take', 'takeLabel', 'open', 'openLabel', 'unread',
  'alreadyTaken', 'gone', 'newHandoff', 'newMessage', 'leaseLost', 'offline', 'error',
  'chatTitle', 'chatEmpty', 'chatWith', 'before', 'beforeEmpty', 'beforeMissing', 'messagesTitle', 'messagesEmpty',
  'citizen', 'bot', 'you', 'photoAlt', 'photoOpen', 'audioLabel',
  'notesTitle', 'notesEmpty', 'noteLabel', 'noteHint2', 'noteAdd', 'noteAdded', 'noteFailed', 'noteBy', 'noteTransfer',
  'closedTitle', 'closedWords', 'closedOutcome', 'closedAnyOutcome', 'closedSearch', 'closedCount', 'closedShow', 'closedBadSearch',
  'previousTitle', 'previousNoGuide', 'previousNoOutcome',
  'transferTitle', 'transferHint', 'transferTo', 'transferTeam', 'transferNobody', 'transferNote', 'transferSend', 'transferMissing', 'transferOffDuty', 'transferUnknown', 'transferFailed', 'transferred',
  'inputLabel', 'inputHint', 'send', 'sendFailed', 'empty', 'quickReplies',
  'unreachableStop', 'unreachableWindow', 'unreachableGone', 'deliveredLater',
  'release', 'released', 'finish', 'outcomeLegend', 'outcomeFaitPour', 'outcomeFaitAvec', 'outcomeAutonome',
  'outcomeNonResolu', 'note', 'noteHint', 'confirmClose', 'cancel', 'chooseOutcome', 'closed',
  'callbacksTitle', 'callbacksEmpty', 'callAt', 'callbackDone', 'callbackDoneLabel', 'callbackSaved', 'phone',
  'idleTitle', 'idleWarning', 'stay',
  'langFr', 'langEn', 'channelWeb', 'reasonCommand', 'reasonStuck', 'reasonFailures',
  'botLine', 'soundBlocked', 'soundEnable', 'soundEnabled', 'notifyTitle',
  // figures (coordinators): satisfaction after a handoff
  'figuresTitle', 'figuresRefresh', 'figuresClosed', 'figuresAsked', 'figuresGood', 'figuresFair', 'figuresPoor', 'figuresFailed',
  // the team's canned replies and the easy-to-read hints
  'replyInsertLabel', 'repliesNone', 'falcLong', 'falcMany', 'repliesEditTitle', 'repliesLanguage', 'repliesItem', 'repliesTitle',
  'repliesText', 'repliesRemove', 'repliesRemoveLabel', 'repliesAdd', 'repliesSave', 'repliesSaved', 'repliesFailed', 'repliesDefault', 'repliesEmpty',
  // typing, both ways (web chat)
  'citizenTyping',
  'atCapacity', 'code', 'codeAsked', 'codeWrong',
] as const;
export type ConsoleStringKey = (typeof CONSOLE_STRING_KEYS)[number];
export type ConsoleStrings = Record<ConsoleStringKey, string>;

export interface ConsoleConfig {
  locale: 'fr' | 'en';
  strings: ConsoleStrings;
  /** Until GET /api/mediator/me says otherwise. */
  idleTimeoutSeconds: number;
  /** Territories whose mediators may sign in with ProConnect (`security.proconnect` and the PROCONNECT_ variables set). */
  proconnect?: string[];
}
