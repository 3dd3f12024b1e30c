import type { Codebook } from './types';

/**
 * Equal collaboration ("gelijkwaardige samenwerking", report chapter 2): participation
 * form, diversity, knowledge and competences, with the four interactive governance
 * styles of the participation ladder (Pröpper, as described by Movisie; report Box 1).
 */
export const EQUAL_COLLABORATION: Codebook = {
  id: 'equal-collaboration',
  label: { nl: 'Gelijkwaardige samenwerking', en: 'Equal collaboration' },
  description: {
    nl: 'Participatievorm, diversiteit, kennis en competenties, en de vier interactieve bestuursstijlen.',
    en: 'Participation form, diversity, knowledge and competences, and the four interactive governance styles.',
  },
  codes: [
    {
      id: 'participation_form',
      label: { nl: 'Participatievorm', en: 'Participation form' },
      description: {
        nl: 'Welke vorm de betrokkenheid van burgers heeft en hoe die in de loop van het project verandert.',
        en: 'What form the involvement of citizens takes and how it changes over the course of the project.',
      },
      color: '#E69F00',
      pattern: 'dots',
      keywords: {
        nl: ['participatievorm', 'bestuursstijl', 'participatieladder', 'vorm van participatie', 'trede', 'rol van burgers'],
        en: ['participation form', 'governance style', 'participation ladder', 'form of participation', 'rung', 'role of citizens'],
      },
    },
    {
      id: 'diversity',
      label: { nl: 'Diversiteit', en: 'Diversity' },
      description: {
        nl: 'Verschillende groepen betrekken: leeftijd, gender, beperking, migratieachtergrond, sociaaleconomische positie.',
        en: 'Involving different groups: age, gender, disability, migration background, socio-economic position.',
      },
      color: '#0072B2',
      pattern: 'stripes',
      keywords: {
        nl: [
          'diversiteit',
          'divers',
          'inclusie',
          'inclusief',
          'inclusiviteit',
          'migratieachtergrond',
          'jongeren',
          'laaggeletterd',
          'beperking',
          'kwetsbare positie',
          'representatief',
          'doelgroep',
          'bereikt',
          'bereiken',
          'nieuwe groepen',
          'usual suspects',
        ],
        en: [
          'diversity',
          'diverse',
          'inclusion',
          'inclusive',
          'migration background',
          'young people',
          'disability',
          'low literacy',
          'representative',
          'target group',
          'reached',
          'reach',
          'hard to reach',
          'usual suspects',
        ],
      },
    },
    {
      id: 'knowledge_competences',
      label: { nl: 'Kennis en competenties', en: 'Knowledge and competences' },
      description: {
        nl: 'Kennis, vaardigheden en methoden ontwikkelen en toepassen, zoals actieonderzoek, Deep Democracy en ABCD.',
        en: 'Developing and applying knowledge, skills and methods such as action research, Deep Democracy and ABCD.',
      },
      color: '#D55E00',
      pattern: 'grid',
      keywords: {
        nl: [
          'kennis',
          'competenties',
          'vaardigheden',
          'methode',
          'actieonderzoek',
          'deep democracy',
          'abcd',
          'pdca',
          'training',
          'ondersteuning',
          'adviesbureau',
          'onderzoekers',
          'deskundigheid',
          'ervaringskennis',
        ],
        en: [
          'knowledge',
          'competences',
          'skills',
          'method',
          'action research',
          'deep democracy',
          'abcd',
          'pdca',
          'training',
          'support',
          'consultancy',
          'researchers',
          'expertise',
          'lived experience',
        ],
      },
    },
    {
      id: 'facilitating',
      label: { nl: 'Faciliterend', en: 'Facilitating' },
      description: {
        nl: 'Burgers zijn initiatiefnemer en eigenaar; het samenwerkingsverband faciliteert met deskundigheid of geld.',
        en: 'Citizens initiate and own; the partnership facilitates with expertise or money.',
      },
      color: '#009E73',
      pattern: 'waves',
      keywords: {
        nl: ['faciliteren', 'gefaciliteerd', 'faciliterend', 'burgerinitiatief', 'initiatiefnemer', 'eigen initiatief', 'ondersteunen', 'eigenaarschap'],
        en: ['facilitate', 'facilitated', 'facilitating', 'citizen initiative', 'initiator', 'own initiative', 'supported', 'ownership'],
      },
    },
    {
      id: 'cooperating',
      label: { nl: 'Samenwerkend', en: 'Cooperating' },
      description: {
        nl: 'Burgers zijn gelijkwaardige samenwerkingspartners; er is sprake van coproductie of cocreatie.',
        en: 'Citizens are equal partners in the work; there is co-production or co-creation.',
      },
      color: '#CC79A7',
      pattern: 'cross',
      keywords: {
        nl: ['samenwerkend', 'samenwerkingspartner', 'gelijkwaardig', 'coproductie', 'cocreatie', 'samen ontwikkeld', 'partner'],
        en: ['cooperating', 'partner', 'equal partners', 'co-production', 'co-creation', 'co-designed', 'developed together'],
      },
    },
    {
      id: 'delegating',
      label: { nl: 'Delegerend', en: 'Delegating' },
      description: {
        nl: 'Burgers zijn medebeslisser: zij krijgen bevoegdheden en beslissen binnen randvoorwaarden.',
        en: 'Citizens co-decide: they are given powers and decide within set conditions.',
      },
      color: '#56B4E9',
      pattern: 'rings',
      keywords: {
        nl: ['delegerend', 'gedelegeerd', 'medebeslisser', 'bevoegdheden', 'beslissen', 'randvoorwaarden', 'mandaat', 'zeggenschap'],
        en: ['delegating', 'delegated', 'co-decide', 'powers', 'decide', 'mandate', 'within conditions', 'say in'],
      },
    },
    {
      id: 'participating',
      label: { nl: 'Participerend', en: 'Participating' },
      description: {
        nl: 'Burgers zijn adviseur en hebben inspraak; het samenwerkingsverband vraagt advies en beslist zelf.',
        en: 'Citizens advise and have a voice; the partnership asks for advice and decides itself.',
      },
      color: '#332288',
      pattern: 'diagonal',
      keywords: {
        nl: ['participerend', 'advies', 'adviseren', 'adviseur', 'adviesraad', 'inspraak', 'meedenken', 'klankbordgroep', 'raadplegen'],
        en: ['participating', 'advice', 'advise', 'advisory', 'advisory board', 'sounding board', 'consulted', 'think along'],
      },
    },
  ],
};
