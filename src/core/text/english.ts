// The English the text layer knows, as word lists: what negates, what only looks as if it
// negates, where a negation's reach ends, the irregular forms a stemmer cannot see through, and
// the British spellings read as American. Data only: analyse.ts reads it, nothing here runs.
// The NegEx algorithm of clinical text mining (Chapman et al., 2001) is the model: a negation cue
// reaches forward over the next few words of its clause; pseudo-negations are not cues.

/** Words (lower case, as written) that negate what follows them in their clause. */
export const NEGATION_CUES: readonly string[] = ['not', 'no', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'without', 'nowhere', 'noone', 'cannot'];

/** Cues of more than one word, matched before single words. */
export const NEGATION_PHRASES: readonly string[] = ['none of which', 'none of whom', 'neither of which', 'no part of which', 'nothing of which', 'no one', 'no longer', 'at no point', 'at no time', 'under no circumstances', 'in no way', 'by no means', 'free of', 'rather than', 'not ever'];

/**
 * Word runs that start with a cue but do not negate what follows ("not only ... but also",
 * "no later than"), or that negate a fault and so affirm ("no gaps were found").
 */
export const PSEUDO_NEGATIONS: readonly string[] = [
  'not only',
  'not just',
  'not least',
  'not merely',
  'no doubt',
  'no later than',
  'not later than',
  'no earlier than',
  'no less than',
  'not less than',
  'no more than',
  'not more than',
  'no fewer than',
  'not fewer than',
  'without delay',
  'without fail',
  'without exception',
  'whether or not',
  'if not',
  'no gap',
  'no gaps',
  'no concern',
  'no concerns',
  'no issue',
  'no issues',
  'no problem',
  'no problems',
  'no objection',
  'no objections',
  'no shortfall',
  'no shortfalls',
  'no barrier',
  'no barriers',
  'no risk',
];

/** Cues that negate what comes before them in their clause ("payment of clinicians is ruled out"). */
export const POST_NEGATIONS: readonly string[] = [
  'ruled out',
  'is ruled out',
  'are ruled out',
  'is prohibited',
  'are prohibited',
  'is forbidden',
  'are forbidden',
  'is banned',
  'are banned',
  'is excluded',
  'are excluded',
  'is not permitted',
  'are not permitted',
  'is not allowed',
  'are not allowed',
];

/** Forms of "be" after which "not"/"neither"/"never" and a verb of giving negate the subject before them. */
export const BE_FORMS: readonly string[] = ['is', 'are', 'was', 'were', 'be', 'been', 'being'];

/** Verbs of giving and allowing: "honoraria are neither offered nor accepted" negates the honoraria. */
export const GIVING_FORMS: readonly string[] = ['offered', 'given', 'paid', 'accepted', 'made', 'provided', 'permitted', 'allowed', 'received', 'awarded', 'funded', 'sponsored', 'available', 'reimbursed', 'covered', 'granted', 'tolerated'];

/** Words that end a negation's reach: a new clause starts ("not identifiable, but the funding is withheld"). */
export const SCOPE_ENDS: readonly string[] = [
  'but',
  'except',
  'excepting',
  'however',
  'although',
  'though',
  'whereas',
  'otherwise',
  'unless',
  'yet',
  'while',
  'whilst',
  'apart',
  'besides',
  'instead',
  'which',
  'who',
  'where',
  'so',
  'then',
  'because',
  'since',
  // "No letter went to a patient before the signatory had certified it": what comes after is the
  // condition met, not a thing denied.
  'before',
  'until',
  'till',
];

/**
 * How many words a negation reaches, within its clause. A cue that opens its clause is its subject
 * ("nothing about the partnership, its funding or the company's role is kept from patients") and
 * reaches the whole clause; elsewhere it reaches a few words, as NegEx's window does ("patients no
 * longer wait months, a better experience" does not negate "better").
 */
export const NEGATION_REACH = { openingClause: 16, withinClause: 5 };

/** Words after which a cue still opens its clause ("and nothing is kept from patients"). */
export const CLAUSE_OPENERS: readonly string[] = ['and', 'but', 'that', 'so', 'because', 'as', 'while', 'whilst', 'also', 'therefore', 'thus', 'so that', 'and that', 'or'];

/** Irregular forms the stemmer cannot see through: the form as written → its lemma. */
export const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  // Porter's stemmer takes "adding" and "added" to "ad", but "add" to itself.
  added: 'add',
  adding: 'add',
  kept: 'keep',
  held: 'hold',
  withheld: 'withhold',
  told: 'tell',
  paid: 'pay',
  made: 'make',
  left: 'leave',
  sent: 'send',
  given: 'give',
  gave: 'give',
  hidden: 'hide',
  hid: 'hide',
  taken: 'take',
  took: 'take',
  brought: 'bring',
  chosen: 'choose',
  chose: 'choose',
  met: 'meet',
  led: 'lead',
  spent: 'spend',
  wrote: 'write',
  written: 'write',
  drawn: 'draw',
  drew: 'draw',
  set: 'set',
  put: 'put',
  flew: 'fly',
  flown: 'fly',
  bought: 'buy',
  sold: 'sell',
  began: 'begin',
  begun: 'begin',
  ran: 'run',
  won: 'win',
  went: 'go',
  gone: 'go',
  seen: 'see',
  saw: 'see',
  known: 'know',
  knew: 'know',
  shown: 'show',
  built: 'build',
  got: 'get',
  gotten: 'get',
  found: 'find',
  thought: 'think',
  honoraria: 'honorarium',
  // Porter's stemmer makes these one word with hospital and organ.
  hospitality: 'hospitality',
  organ: 'organ-of-the-body',
  people: 'person',
  men: 'man',
  women: 'woman',
  children: 'child',
  data: 'data',
  criteria: 'criterion',
};

/** British endings read as American, so that one word list serves both spellings (organise, organize). */
export const SPELLING_ENDINGS: readonly (readonly [string, string])[] = [
  ['isations', 'izations'],
  ['isation', 'ization'],
  ['ising', 'izing'],
  ['ised', 'ized'],
  ['ises', 'izes'],
  ['ise', 'ize'],
  ['ysing', 'yzing'],
  ['ysed', 'yzed'],
  ['yse', 'yze'],
  ['ours', 'ors'],
  ['our', 'or'],
  ['tres', 'ters'],
  ['tre', 'ter'],
];

/** Words the endings above would turn into other words ("four" is not "for"). */
export const SPELLING_KEPT: readonly string[] = ['four', 'hour', 'hours', 'our', 'ours', 'your', 'yours', 'pour', 'tour', 'flour', 'sour'];

/** British words whose American spelling differs elsewhere than at the end. */
export const BRITISH_WORDS: Readonly<Record<string, string>> = {
  programme: 'program',
  programmes: 'programs',
  licence: 'license',
  defence: 'defense',
  offence: 'offense',
  paediatric: 'pediatric',
  paediatrics: 'pediatrics',
  anaemia: 'anemia',
  haemoglobin: 'hemoglobin',
  oedema: 'edema',
  oesophageal: 'esophageal',
  oestrogen: 'estrogen',
  anaesthetist: 'anesthetist',
  orthopaedic: 'orthopedic',
  orthopaedics: 'orthopedics',
  travelled: 'traveled',
  travelling: 'traveling',
  cancelled: 'canceled',
  counselling: 'counseling',
  modelling: 'modeling',
  labelled: 'labeled',
  enrol: 'enroll',
  enrolment: 'enrollment',
  fulfil: 'fulfill',
  judgement: 'judgment',
  cheque: 'check',
  catalogue: 'catalog',
  dialogue: 'dialog',
};

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS: readonly string[] = ['dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'e.g', 'i.e', 'etc', 'no', 'vs', 'approx', 'inc', 'ltd', 'co'];

/** The endings of contractions other than n't, as the words they stand for: "we'll agree it later" is "we will agree it later". ('s is left: "is", "has" or a possessive.) */
export const CONTRACTIONS: Readonly<Record<string, string>> = { "'ll": 'will', "'ve": 'have', "'re": 'are', "'d": 'would', "'m": 'am' };
