/**
 * Global commands, understood at any moment, in every locale, whatever the case, accents or
 * apostrophes ("ARRÊT", "arret", "Répète", "repete"). Only a whole message is a command, so
 * "je veux retourner à la CAF" is not "retour".
 */
import type { TurnContext } from 'botbuilder';
import { fold } from '../text/fold';
import { TurnKey } from './turnKey';

export type Command =
  | 'menu'
  | 'back'
  | 'repeat'
  | 'help'
  | 'mediator'
  | 'restart'
  | 'stop'
  | 'start'
  | 'lang-fr'
  | 'lang-en'
  | 'hello'
  | 'reminders'
  | 'self-check'
  | 'erase'
  | 'places'
  | 'quit';

const WORDS: Record<Command, string[]> = {
  menu: ['menu', 'le menu', 'main menu', 'accueil', 'sommaire'],
  back: ['retour', 'revenir', 'precedent', 'etape precedente', 'back', 'go back', 'previous'],
  repeat: ['repete', 'repeter', 'repetez', 'tu peux repeter', 'redis', 'repeat', 'again', 'say again'],
  help: ['aide', 'aidez moi', 'aidez-moi', 'help', '?', 'commandes', 'comment ca marche'],
  mediator: ['conseiller', 'conseillere', 'un conseiller', 'humain', 'un humain', 'mediateur', 'mediatrice',
    'parler a un conseiller', 'parler a quelqu\'un', 'parler a un humain', 'une personne', 'advisor', 'human',
    'agent', 'talk to someone', 'talk to a human', 'talk to an advisor', '0'],
  restart: ['recommencer', 'recommence', 'reprendre au debut', 'depuis le debut', 'restart', 'start over'],
  stop: ['stop', 'arret', 'arrete', 'arreter', 'stopper', 'desabonner', 'unsubscribe', 'stopall'],
  start: ['start', 'unstop', 'demarrer', 'reprendre les messages'],
  'lang-fr': ['francais', 'french', 'fr', 'en francais', 'in french', 'francais svp', 'en francais svp', 'en francais s il vous plait',
    'en francais stp', 'french please', 'in french please', 'parlez francais', 'parle francais', 'ecrivez en francais', 'ecris en francais',
    'vous parlez francais', 'do you speak french', 'can you speak french', 'speak french', 'francais please'],
  'lang-en': ['english', 'anglais', 'en', 'in english', 'en anglais', 'english please', 'in english please', 'english pls', 'english plz',
    'en anglais svp', 'en anglais s il vous plait', 'anglais svp', 'speak english', 'do you speak english', 'can you speak english',
    'you speak english', 'parlez vous anglais', 'vous parlez anglais', 'tu parles anglais', 'write in english', 'english only'],
  erase: ['effacer mes donnees', 'supprimer mes donnees', 'effacer mes informations', 'effacer toutes mes donnees',
    'oubliez moi', 'delete my data', 'erase my data'],
  places: ['lieu', 'un lieu', 'lieux', "lieu d'aide", 'un lieu d aide', 'lieu pres de chez moi', 'place', 'a place', 'places'],
  // "Laisse tomber": the citizen stops what is under way (a guide keeps its step for later); never STOP (opt-out).
  quit: ['laisse tomber', 'laissez tomber', 'laisse tombe', 'laisser tomber', 'laisse', 'j abandonne', 'jabandonne', 'abandonner',
    'abandon', 'on arrete', 'on arrete la', 'on arrete tout', 'arretons', 'arretons la', 'tant pis', 'bon tant pis', 'quitter',
    'je quitte', 'sortir', 'je veux sortir', 'forget it', 'never mind', 'nevermind', 'give up', 'i give up', 'quit', 'forget about it'],
  'self-check': ['faire le point', 'faire le point numerique', 'check my skills', 'check my digital skills'],
  reminders: ['mes rappels', 'rappels', 'mes rappel', 'rappel', 'my reminders', 'reminders'],
  hello: ['bonjour', 'bonjour !', 'bjr', 'salut', 'coucou', 'bonsoir', 'hello', 'hi', 'allo', 'bonjour madame',
    'bonjour monsieur', 're', 'rebonjour',
    // Back after a while (session 17): "c'est encore moi", "me revoilà", "it's me again".
    "c'est encore moi", 'cest encore moi', 'c encore moi', "c'est moi", 'c moi', "c'est re moi", "bonjour c'est encore moi",
    'bonjour c encore moi', "bonjour c'est moi", 'bonjour c moi', "re c'est moi", "rebonjour c'est moi", 'me revoila', 'me revoici',
    'me voila', 'me voici', 'bonjour me revoila', "it's me again", 'its me again', "it's me", 'hello again', 'hi again', "hello it's me again"],
};

const INDEX = new Map<string, Command>();
for (const [command, words] of Object.entries(WORDS) as Array<[Command, string[]]>) {
  for (const w of words) INDEX.set(fold(w) || w, command);
}

/** "vous pouvez répéter ?", "tu peu redire stp", "could you say that again please": RÉPÈTE asked politely. */
const REPEAT_ASKED = /^(?:(?:euh|pardon|excusez moi|desolee?|oui|bonjour|madame|monsieur) )*(?:(?:est ce que )?(?:vous pouvez|pouvez vous|pourriez vous|vous pourriez|tu peux|tu peu|tu pe|peux tu|tu pourrais|can you|could you) )?(?:me )?(?:le |la |l |ca )?(?:repeter|repete|repetez|redire|redis|redites|repeat|say (?:it|that) again)(?: (?:ca|svp|stp|s.il vous plait|s.il te plait|please|pls|encore|la question|le message|merci|again))*$/;

export function recognizeCommand(text: string): Command | undefined {
  const folded = fold(text);
  if (folded === '' && text.trim() === '?') return 'help';
  return INDEX.get(folded) ?? (REPEAT_ASKED.test(folded.replace(/[-'’]/g, ' ').replace(/[?!.]+$/, '').replace(/\s+/g, ' ').trim()) ? 'repeat' : undefined);
}

/** The command of this turn's message, recognised once: by the channel (which acts on STOP/START first) or here. */
const RECOGNIZED = new TurnKey<{ command: Command | undefined }>('recognizedCommand');

/** A channel that recognised the message's command hands it to the turn (src/channels/leanAdapter.ts). */
export function handOverCommand(ctx: TurnContext, command: Command | undefined): void {
  RECOGNIZED.set(ctx, { command });
}

export function commandOf(ctx: TurnContext): Command | undefined {
  const known = RECOGNIZED.get(ctx);
  if (known) return known.command;
  const command = recognizeCommand(ctx.activity.text ?? '');
  RECOGNIZED.set(ctx, { command });
  return command;
}
