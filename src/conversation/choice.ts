/** An answer offered to the citizen: a button on rich channels, a numbered line on SMS. */

/** Meanings every prompt understands besides its own options. */
export type ChoiceRole = 'yes' | 'no' | 'stuck';

export interface ChoiceOption {
  /** What to type to pick it: "1", "2"... ("0" for the human in the menu). */
  key: string;
  label: string;
  /** Internal meaning: a goto target, a guide id, "yes"... never shown. */
  value: string;
  role?: ChoiceRole;
  /** Other ways a citizen may write this answer, in their own words (a guide's `alsoMeans`). */
  synonyms?: string[];
}
