/** A person asked for in words, fr and en (the `person` signal of src/nlu/signals.ts), over `plainText()`. */
const any = (...parts: string[]) => new RegExp(`\\b(?:${parts.join('|')})\\b`);

/** "conseiller" as people type it: conseillère, conselier, conseiler, consellier, conceiller (not "conseil", advice). */
export const ADVISER = 'con[cs]{1,2}e?i?(?:ll?|y)i?(?:er|ere|e)s?';

// ---- a person -------------------------------------------------------------------------------------
export const PERSON_WHO = `(?:quelqu ?un(?: de vrai)?|une? (?:vraie? |autre )?(?:personne|humain|etre humain|${ADVISER}|mediat[a-z]*|agent|operat[a-z]*|interlocut[a-z]*|technicien(?:ne)?|standardiste|assistante? sociale?|travailleu(?:r|se) social(?:e)?|employee?|collegue(?: humain)?)|vraie? personne|personne reelle|(?:des|les|un|une|vos|aux) (?:${ADVISER}|mediat[a-z]*|humains?|agents?)|humains?|etre humain|${ADVISER}|mediat[a-z]*)`;
export const PERSON_FR = [
  new RegExp(`\\b(?:parler|discuter|echanger|causer|ecrire|avoir|voir|contacter|joindre|appeler|passe[rz]?(?: moi)?|file[rz]?(?: moi)?|trouve[rz] moi|besoin de|mette?z? moi en (?:relation|contact) avec|besoin d|envie d|veux|veu|voudrais|voudrai|prefere|preferer|aimerais|demande|plutot|transmettre|transmettez|transferer|transferez|renvoyer vers|orienter vers)\\b.{0,30}\\b${PERSON_WHO}`),
  new RegExp(`^(?:un |une |le |la |des )?(?:vraie? )?(?:personne|humain|${ADVISER}|mediat[a-z]*|agent|operat[a-z]*)(?: (?:svp|s il vous plait|please|merci|vite|maintenant|numerique))*$`),
  any('vraie? personne', 'personne reelle', 'etre humain', 'un humain', 'une? (?:vraie? )?personne (?:pour|qui) m', 'de vive voix'),
  any('(?<!\\b(?:suis|es|est|etes|sommes) )(?:pas|plus|marre) (?:a |d |de |parler (?:a |avec )?)?(?:un |une |la |le |des )?(?:robots?|machines?|ordinateurs? qui repond)', 'vous etes (?:un |une )?(?:robot|machine)', 'c est un robot'),
  any('quelqu un (?:peut|pourrait|pour) m (?:aider|appeler|rappeler|expliquer)', 'qu on m (?:appelle|rappelle|aide en vrai)', 'rappele[rz]? moi', '(?:appele[rz]?|appelle|telephone[rz]?) moi(?! meme)', 'me rappeler', 'm appeler', 'un appel', 'par telephone avec'),
  any('passe[rz]? moi (?:quelqu un|un|une|le|la)', 'le service clients?', 'service clients? (?:svp|s il vous plait|please)', '^service clients?$', 'une hotline', 'en direct avec (?:quelqu un|une personne|un humain)'),
  any('en relation avec', `(?:un |une |le |la )?(?:${ADVISER}|mediat[a-z]*|personne|humain|agent) (?:par|au) telephone`, 'un collegue humain', 'un etre vivant', 'en chair et en os'),
  any('(?:je peux|je pourrais|puis je|est ce que je (?:peux|pourrais)|on peut|comment) (?:vous|te) (?:appeler|telephoner|joindre)',
    'au bout du (?:fil|telephone|tel)', 'une? vraie? voix', 'voix humaine', 'entendre (?:une voix|quelqu un)',
    '(?:y a|ya|il y a|y a t il|n y a t il) (?:personne|quelqu un)(?: (?:en vrai|de vrai|la|ici))? (?:pour|qui (?:peut|pourrait|puisse)) (?:m aider|me repondre|m expliquer|nous aider)',
    // "quelqu'un parle arabe ?": a person who speaks the citizen's language.
    `(?:quelqu un|une personne|${ADVISER}|agent) (?:qui )?parle (?!francais\\b|pas\\b|mal\\b|trop\\b|vite\\b)[a-z]{4,}`,
    'quelqu un (?:de|chez) (?:chez )?vous', 'une? personne de chez vous', 'un de vos collegues', 'vos collegues', 'quelqu un de votre equipe',
    'y a t il quelqu un', 'il y a quelqu un', 'y a quelqu un', '(?:il )?y (?:a|aurait)(?: t il)? pas (?:quelqu un|un humain|une personne)(?: de vrai| en vrai)?(?= *$| (?:svp|s il vous plait|pour|qui|a qui|avec qui|ici|la)\\b)', 'quelqu un est la', 'qu on m explique', 'de vive voix', 'en vrai pas par message'),
  new RegExp(`\\b${PERSON_WHO} (?:qui )?(?:peut|pourrait|puisse|va|saurait) (?:le faire|regarder|voir|m aider|m appeler|me rappeler|nous appeler|m expliquer)`),
  new RegExp(`\\bqu (?:un|une) (?:vraie? )?(?:${ADVISER}|mediat[a-z]*|agent|personne|monsieur|dame) (?:m|nous) (?:appelle|rappelle|aide|explique)`),
  any('(?<!\\b(?:donne|donnee|envoye|envoyee|remis|remise|montre|montree|apporte|apportee|depose|deposee|transmis|transmise|laisse|laissee|rendu|rendue) a )(?:la|une|votre|vos) secretaires?', 'un vrai monsieur', 'une vraie dame', 'un vrai gens', 'de vrais gens'),
  // "recontactez-moi", "on peut me recontacter ?": calling back in other words.
  any('(?:re)?contacte[rz]? moi', 'me recontacter', 'qu on me (?:re)?contacte', '(?:qu on|kon|k on|que l on) m (?:appel|apel|apell|apl)(?:e|le)?'),
  // "hé ho y a personne ?", "personne ne répond ?", "SOS humain": calling out for someone.
  /(?:^|\b(?:he ho|ho|allo|alo|mais|bon|alors|hello) )(?:il )?(?:y a|ya|n y a|il y a)(?: vraiment)? personne(?: (?:ici|la|en vrai|pour (?:m aider|me repondre)))?$|^(?:(?:mais|alors|bon|he ho|allo|alo) )*personne (?:ne )?(?:me )?(?:repond|est la|m aide)(?: (?:ici|la|jamais))*$/,
  new RegExp(`\\bsos (?:un |une )?(?:humain|personne|quelqu un|${ADVISER})\\b`),
  // A woman or a man to talk to ("je voudrais parler à une femme", "mettez-moi avec un monsieur").
  /\b(?:parler|discuter|je (?:veux|voudrais|voudrai|prefere|prefererais)|j aimerais|plutot|mettre (?:en (?:relation|contact) )?avec|avoir affaire a)(?: (?:parler|discuter) (?:a|avec))? (?:une (?:femme|dame)|un (?:homme|monsieur))\b(?! (?:m a|ma|m ont|me dit|m appelle|m a appele|qui m|il m|elle m|a appele|demande|voulait|veut))/,
  new RegExp(`^(?:un |une )?${ADVISER} ou (?:un |une )?${ADVISER}(?: (?:svp|s il vous plait|please|merci|vite))*$`),
  // "je veux reparler à la dame d'hier", "ravoir le même conseiller": the person who helped before (session 17).
  new RegExp(`\\b(?:re ?parler|rediscuter|ravoir)\\b(?: (?:a|avec))? (?:au |aux |la |le |l |cette |ce |votre |les )?(?:meme )?(?:dame|monsieur|madame|personne|femme|homme|${ADVISER}|mediat[a-z]*|agent|collegue)\\b`),
  new RegExp(`\\b(?:parler|discuter|avoir|voir|joindre|contacter)\\b.{0,16} (?:la|le|au|a la) (?:meme )?(?:dame|monsieur|personne|${ADVISER}|mediat[a-z]*) (?:d hier|de hier|de la derniere fois|de l autre jour|de ce matin|de tout a l heure|qui m a (?:aide|repondu|parle|ecrit))\\b`),
  // "alors vous m'appelez quand ?", "c'est quand le rappel", "toujours pas d'appel": the call asked about (a callback
  // booked is said again with its time, src/handoff/dialog.ts; none booked: a person, as asked).
  new RegExp(`\\b(?:vous|on|le ${ADVISER}) (?:m|me) (?:appel|rappel|telephon)\\w* quand\\b|\\bquand (?:est ce (?:que |qu )?)?(?:vous|on|le ${ADVISER}) (?:va |allez |vont )?(?:m|me) (?:appel|rappel|telephon)\\w*|\\bvous allez m (?:appeler|rappeler) quand\\b|\\bc est (?:pour )?quand (?:l appel|le rappel|votre appel)\\b|\\btoujours pas (?:d appel|ete (?:appelee?|rappelee?))\\b`),
  // "transférez-moi", "je veux parler à votre collègue", "la personne responsable"
  /^(?:(?:bon|alors|svp) )*(?:transfere[rz]?|transferez|transmette[rz]?) moi(?: (?:svp|s il vous plait|vite|maintenant|a quelqu un))*$/,
  /\b(?:parler|voir|avoir|joindre|contacter|appeler|passe[rz]? moi) (?:a |avec )?(?:votre|ton|un|une|la|le|au) (?:collegue|personne responsable|responsable du service)\b/,
  // "j'ai besoin d'être accompagnée", "un accompagnement": a person at one's side.
  /\b(?:besoin d|veux|voudrais|aimerais|souhaite|prefere) (?:etre )?accompagnee?s?\b|\bbesoin d (?:un )?accompagnement\b/,
  // "je veux un interprète": a person who speaks my language.
  /\b(?:un|une|l|d un|d une) interpret(?:e|eur|rice)\b/,
  // "aidez-moi quelqu'un", "je veux qu'on le fasse avec moi": someone, not the bot, to help or to do it.
  any('(?:aidez|aide) moi (?:quelqu un|une personne|un humain)', 'quelqu un (?:aidez|aide) moi', 'qu on (?:le|la|les) fasse (?:pour|avec|a la place de) moi', 'qu on (?:le|la|les) fasse a ma place'),
  any('qu on me (?:telephone|rappelle|appelle)', 'me telephoner', 'un monsieur ou une dame', '(?:un monsieur|une dame) (?:au telephone|pour m aider|qui m aide)(?! (?:m a|ma|m ont|me dit|m appelle|m a appele|qui m|il m|elle m|a appele|demande|voulait|veut))'),
];
export const PERSON_EN = [
  /\b(?:talk|speak|chat|get|want|need|give me|connect me|put me through|transfer me|let me talk|prefer)\b.{0,30}\b(?:someone|somebody|a person|a real person|real person|a humai?n|human being|humai?ns?|an? (?:adviser|advisor|agent|operator|mediator|representative|staff)|adviser|advisor|mediator|operator|agent|representative)\b/,
  /^(?:a )?(?:human|person|real person|adviser|advisor|agent|operator|representative|someone)(?: please| pls| now)*$/,
  /\b(?:real person|human being|not a (?:bot|robot|machine)|are you a (?:bot|robot)|call me back|can someone call me|phone call)\b/,
  /\bwhen (?:will|are|do|is) (?:you|someone|somebody|the (?:adviser|advisor|agent)) (?:going to )?(?:call|ring|phone)(?:ing)? me\b|\bstill no (?:call|phone call)\b/,
  /\b(?:can|could|would) (?:somebody|someone|anybody|anyone|a person|an? (?:advisor|adviser|agent)) (?:please )?(?:phone|call|ring|help) me\b|\b(?:phone|ring) me (?:back|please|tomorrow)\b/,
  /\b(?:one of your (?:staff|team|colleagues|advisers|advisors)|your staff|someone (?:from|on) your team|is anybody there|is anyone there|explain it to me on the phone)\b/,
  /\b(?:live|real|human|actual) (?:adviser|advisor|agent|operator|person|support|help|chat|assistant|mediator)\b/,
  /\b(?:customer (?:service|support|care)|help ?desk|support team|call centre|call center|hotline)\b/,
  /\b(?:is there|are there|can i (?:have|get|talk to|speak to|chat with)) (?:a|an|any|someone|somebody|anyone|anybody)\b.{0,20}\b(?:adviser|advisor|agent|person|human|mediator|operator)\b/,
  /\b(?:is there|are there|isn t there) (?:someone|somebody|anyone|anybody)\b.{0,12}\b(?:speak|talk|chat) (?:to|with)\b/,
  // "anyone there?", "hello? anybody?", "someone who speaks english please", "i need an interpreter"
  /^(?:(?:hello|hi|hey|is|are) )*(?:any ?one|any ?body|some ?one|some ?body)(?: (?:there|here|around|available|out there))?(?: please)?$/,
  /\b(?:someone|somebody|anyone|anybody|a person|people|an? (?:adviser|advisor|agent)) (?:who|that) (?:speaks?|can speak|talks?) [a-z]+\b/,
  /\b(?:an?|the) interpreter\b/,
  // "any human here?", "no robot please", "i don't want a bot": a person wanted.
  /^(?:(?:hello|hi|hey|is there) )*(?:any|a|some) (?:human|real person|person)(?: (?:there|here|around|available|out there))?(?: please| pls)?$/,
  /^(?:no|not a|not) (?:robots?|bots?|machines?|ai|computer)(?: please| pls| thanks)*$|\bi (?:do not|don t|dont) want (?:a |to talk to a |to speak to a )?(?:robot|bot|machine|computer)\b/,
  /\b(?:can|could) i (?:have|get|speak to|talk to) (?:someone|somebody|a person|a human|an? (?:adviser|advisor|agent)) (?:on the phone|by phone|in person)\b/,
];
