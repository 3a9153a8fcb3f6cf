/**
 * The callback dialog's answers and the words it reads (src/handoff/callbackDialog.ts): "Être rappelé / Un lieu /
 * Continuer", yes / no, "this number / another one"; a postal code, where the citizen lives, a phone number, "whenever".
 */
import type { TurnContext } from 'botbuilder';
import type { ChoiceOption } from '../conversation/choice';
import { localeOf } from '../conversation/turn';
import type { StringKey } from '../i18n/strings';
import { recognizeChoiceHow } from '../nlu/choices';
import { fold } from '../text/fold';
import type { HandoffDeps } from './requests';

export const POSTAL_CODE = /\b(\d{5}|2[AaBb]\d{3})\b/;
/** "j'habite à Guéret", "je suis sur Limoges", "I live in Dijon": where the citizen lives (the places find the town). */
export const SAYS_WHERE = /\b(?:j habite|on habite|nous habitons|j vis|je vis|on vit|je reside|je suis|j suis|i live|i am|i m|we live)\s+(?:a|au|aux|en|sur|dans|pres de|vers|du cote de|in|near|at)\s+(?!(?:de|d|que|qu|et|ca|cela|moi|vous|the|it|la maison|le travail|mon travail|la retraite|l hopital|l etranger|la rue|l ecoute|l aise|bout|court|jour|table|pied|home|work)\b)[a-z]/;
export const saysWhere = (text: string) => SAYS_WHERE.test(fold(text).replace(/['’]/g, ' '));
/** A French phone number as people type it (06 12 34 56 78, 06.12.34.56.78, +33 6…). */
export const PHONE_LIKE = /(?:\+33\s?|0)[1-9](?:[\s.\-]?\d{2}){4}/g;
export const NO_PHONE = /\b(?:pas de (?:telephone|portable|numero)|plus de (?:telephone|portable)|sais plus|connais pas|je ne sais|no phone|don t have a phone|do not have a phone)\b/;
export const WHENEVER = /\b(?:quand (?:vous|vs|tu) (?:voulez|voudrez|veux)|qd (?:vous|vs) (?:voulez|pouvez)|n ?importe quand|n ?importe quelle heure|a tout moment|toute la journee|pas d importance|(?:ca )?m est egal|peu m importe|peu importe|comme vous voulez|quand vous pouvez|le plus tot possible|des que possible|au plus vite|vite|maintenant|tout de suite|whenever|any ?time|as soon as possible|asap|now)\b/;

const wordsOf = (deps: HandoffDeps, ctx: TurnContext, key: StringKey) => deps.strings.t(localeOf(ctx), key).split('|').map((w) => w.trim()).filter(Boolean);

/** With a booking page (the territory's `bookingUrl`), "Prendre rendez-vous" comes first, before the callback. */
export function alternativeChoices(deps: HandoffDeps, ctx: TurnContext, territory: string): ChoiceOption[] {
  const t = (key: StringKey) => deps.strings.t(localeOf(ctx), key);
  const booking = deps.territories.get(territory)?.bookingUrl ? [{ key: '', label: t('handoff.optBooking'), value: 'booking', synonyms: wordsOf(deps, ctx, 'handoff.optBookingWords') }] : [];
  const options: ChoiceOption[] = [
    ...booking,
    // "oui", "ok" among three answers picks none: the citizen is asked which one (justYes).
    { key: '', label: t('handoff.optCallback'), value: 'callback', synonyms: wordsOf(deps, ctx, 'handoff.optCallbackWords') },
    { key: '', label: t('handoff.optPlace'), value: 'place', synonyms: wordsOf(deps, ctx, 'handoff.optPlaceWords') },
    { key: '', label: t('handoff.optBack'), value: 'back', role: 'no', synonyms: wordsOf(deps, ctx, 'handoff.optBackWords') },
  ];
  return options.map((o, i) => ({ ...o, key: String(i + 1) }));
}

export function yesNo(deps: HandoffDeps, ctx: TurnContext): ChoiceOption[] {
  return [
    { key: '1', label: deps.strings.t(localeOf(ctx), 'choice.yes'), value: 'yes', role: 'yes' },
    { key: '2', label: deps.strings.t(localeOf(ctx), 'choice.no'), value: 'no', role: 'no' },
  ];
}

/** A bare yes ("ok", "oui", "d'accord"), which is no pick among several answers. */
export function justYes(deps: HandoffDeps, ctx: TurnContext, text: string): boolean {
  return text.trim().split(/\s+/).length <= 3 && recognizeChoiceHow(text, yesNo(deps, ctx), localeOf(ctx))?.option.value === 'yes';
}

/** "On vous rappelle au numéro qui m'écrit ?": 1 Oui, 2 Un autre numéro. */
export function ownChoices(deps: HandoffDeps, ctx: TurnContext): ChoiceOption[] {
  return [
    { key: '1', label: deps.strings.t(localeOf(ctx), 'choice.yes'), value: 'own', role: 'yes' },
    { key: '2', label: deps.strings.t(localeOf(ctx), 'callback.ownOther'), value: 'other', role: 'no', synonyms: wordsOf(deps, ctx, 'callback.ownOtherWords') },
  ];
}
