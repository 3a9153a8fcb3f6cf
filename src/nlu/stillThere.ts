/**
 * "vous êtes là ?", "t'es toujours là", "allo vous êtes là", "are you still there?": the citizen checks the bot is
 * still there (session 17). The whole message only: "vous êtes là pour m'aider ?" is a question of its own.
 * Patterns over `plainText()`.
 */
import { plainText } from './plainText';

const STILL_THERE = new RegExp(
  String.raw`^(?:(?:allo|all o|alo|he|ho|he ho|eh|hello|hey|bonjour|re|bon|alors|et|mais|euh|madame|monsieur) )*` +
    String.raw`(?:(?:vous|vs|v) (?:etes|ete|et)|etes vous|t es|tes|t|tu es|tu est|es tu|are you|r u|you)(?: (?:toujours|encore|bien|still))? (?:la|there|here|around)` +
    String.raw`(?: (?:ou pas|encore|toujours|still|madame|monsieur|svp|please|quand meme))*$`,
);

export const asksIfStillThere = (text: string): boolean => STILL_THERE.test(plainText(text));
