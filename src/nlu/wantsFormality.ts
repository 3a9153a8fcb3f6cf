/**
 * A request said with a verb of wanting or doing ("je veux faire ma déclaration", "jveu faire mes impot", "faut que je
 * fasse ma demande de retraite", "c pour la prime d'activité maintenant", "I want to do my tax return", "now I need to
 * apply for housing benefit"): what the citizen asks for, not what they tell about themselves ("je touche le rsa").
 * Read over `plainText()`. The formality itself is the router's business (src/bot/steps/otherGuide.ts).
 */

const WANT_FR =
  /\b(?:je veux|je veu|jveux|jveu|j veux|je voudrais|je voudrai|jvoudrais|je voulais|j aimerais|jaimerais|je souhaite|je dois|jdois|je doi|je doit|(?:il )?faut que je|(?:il )?faudrait que je|je vais faire|jvais faire|je vais demander|je viens pour|c est pour|cest pour|c pour|c etait pour|j ai besoin|jai besoin|besoin de|besoin d|je cherche a|aidez moi (?:a|pour)|aide moi (?:a|pour)|comment (?:je )?(?:fais|faire|on fait)|on peut faire|vous pouvez m aider (?:a|pour)|tu peux m aider (?:a|pour)|je passe a|passons a|on passe a)\b/;

const WANT_EN =
  /\b(?:i want|i wanna|i d like|id like|i would like|i need|i have to|i must|i m here for|it s for|its for|help me (?:with|to)|how do i|can you help me (?:with|to)|let s do|lets do|i ll do|switch to)\b/;

/** The message asks for something with a verb of wanting or doing. */
export function wantsSomething(plain: string): boolean {
  return WANT_FR.test(plain) || WANT_EN.test(plain);
}
