/**
 * The words that deny what follows, in French and English, on folded text (plainText): "pas", "jamais", "rien",
 * "not", "never" — and English contractions as they are written without the apostrophe ("didn t", "didnt",
 * "haven t", "can t"), so "I didn't receive anything" is not "received". "Plus tard", "plus vite", "plus loin" compare:
 * they deny nothing ("j'ai un rdv mardi" means "plus tard" too, and is not negated by it).
 */
export const NEGATION =
  /\b(?:pas|plus(?! (?:tard|tot|vite|loin|souvent|simple|facile|grand|grande|petit|petite|cher|chere|haut|bas|longtemps|rapide|rapidement)\b)|jamais|aucune?|rien|sans|not|never|no|none|nothing|cannot|(?:didn|doesn|haven|hasn|hadn|wasn|weren|isn|aren|couldn|wouldn|shouldn|don|can|won) t|didn|doesn|haven|hasn|hadn|wasn|weren|isn|aren|couldn|wouldn|didnt|doesnt|havent|hasnt|wasnt|isnt|arent|couldnt|dont|cant|wont)\b/;
