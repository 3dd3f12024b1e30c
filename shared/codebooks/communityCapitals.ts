import type { Codebook } from './types';

/**
 * The Community Capitals Framework (Flora & Flora), the usual codebook of Ripple Effects
 * Mapping outside the Netherlands. Seven capitals; lexicons follow the framework's
 * standard descriptions.
 */
export const COMMUNITY_CAPITALS: Codebook = {
  id: 'community-capitals',
  label: { nl: 'Gemeenschapskapitalen', en: 'Community Capitals' },
  description: {
    nl: 'Het Community Capitals Framework: zeven soorten kapitaal van een gemeenschap.',
    en: 'The Community Capitals Framework: seven kinds of capital a community holds.',
  },
  codes: [
    {
      id: 'natural',
      label: { nl: 'Natuurlijk kapitaal', en: 'Natural capital' },
      description: {
        nl: 'Natuur en omgeving: groen, water, lucht, landschap, tuinen en buitenruimte.',
        en: 'Nature and environment: green space, water, air, landscape, gardens and outdoor space.',
      },
      color: '#009E73',
      pattern: 'waves',
      keywords: {
        nl: ['natuur', 'groen', 'park', 'tuin', 'moestuin', 'buitenruimte', 'landschap', 'water', 'luchtkwaliteit', 'bomen', 'milieu', 'wandelpad'],
        en: ['nature', 'green space', 'park', 'garden', 'outdoor', 'landscape', 'water', 'air quality', 'trees', 'environment', 'walking path'],
      },
    },
    {
      id: 'cultural',
      label: { nl: 'Cultureel kapitaal', en: 'Cultural capital' },
      description: {
        nl: 'Tradities, taal, identiteit en gedeelde waarden, zoals noaberschap.',
        en: 'Traditions, language, identity and shared values, such as neighbourliness.',
      },
      color: '#CC79A7',
      pattern: 'dots',
      keywords: {
        nl: ['cultuur', 'traditie', 'identiteit', 'erfgoed', 'noaberschap', 'gewoonten', 'waarden', 'taal', 'geloof', 'dialect', 'kunst', 'muziek'],
        en: ['culture', 'tradition', 'identity', 'heritage', 'customs', 'values', 'language', 'faith', 'dialect', 'art', 'music', 'neighbourliness'],
      },
    },
    {
      id: 'human',
      label: { nl: 'Menselijk kapitaal', en: 'Human capital' },
      description: {
        nl: 'Kennis, vaardigheden, gezondheid en zelfvertrouwen van mensen.',
        en: "People's knowledge, skills, health and self-confidence.",
      },
      color: '#E69F00',
      pattern: 'stripes',
      keywords: {
        nl: ['kennis', 'vaardigheden', 'geleerd', 'training', 'cursus', 'opleiding', 'gezondheid', 'zelfvertrouwen', 'talent', 'leiderschap', 'ervaringskennis', 'competenties'],
        en: ['knowledge', 'skills', 'learned', 'training', 'course', 'education', 'health', 'self-confidence', 'talent', 'leadership', 'competences'],
      },
    },
    {
      id: 'social',
      label: { nl: 'Sociaal kapitaal', en: 'Social capital' },
      description: {
        nl: 'Relaties, netwerken, vertrouwen en onderlinge steun tussen mensen en groepen.',
        en: 'Relationships, networks, trust and mutual support between people and groups.',
      },
      color: '#0072B2',
      pattern: 'grid',
      keywords: {
        nl: ['netwerk', 'contact', 'vertrouwen', 'ontmoeten', 'ontmoeting', 'verbinding', 'burenhulp', 'vriendschap', 'samenwerking', 'elkaar kennen', 'eenzaamheid', 'gemeenschap'],
        en: ['network', 'contact', 'trust', 'meet', 'relationships', 'connection', 'friendship', 'cooperation', 'each other', 'loneliness', 'community', 'neighbours'],
      },
    },
    {
      id: 'political',
      label: { nl: 'Politiek kapitaal', en: 'Political capital' },
      description: {
        nl: 'Invloed op beslissingen en toegang tot macht: een stem in beleid, bestuur en gemeenteraad.',
        en: 'Influence on decisions and access to power: a voice in policy, governance and the council.',
      },
      color: '#D55E00',
      pattern: 'cross',
      keywords: {
        nl: ['invloed', 'beleid', 'gemeenteraad', 'wethouder', 'bestuur', 'inspraak', 'zeggenschap', 'stem', 'politiek', 'besluitvorming', 'lobby', 'raad'],
        en: ['influence', 'policy', 'council', 'alderman', 'mayor', 'governance', 'voice', 'say in', 'political', 'decision-making', 'lobby', 'power'],
      },
    },
    {
      id: 'financial',
      label: { nl: 'Financieel kapitaal', en: 'Financial capital' },
      description: {
        nl: 'Geld en financiële middelen: subsidies, fondsen, budgetten, inkomsten en besparingen.',
        en: 'Money and financial resources: grants, funds, budgets, income and savings.',
      },
      color: '#56B4E9',
      pattern: 'rings',
      keywords: {
        nl: ['geld', 'subsidie', 'financiering', 'fonds', 'budget', 'inkomsten', 'besparing', 'kosten', 'begroting', 'sponsor', 'investering', 'middelen'],
        en: ['money', 'grant', 'funding', 'fund', 'budget', 'income', 'savings', 'costs', 'sponsor', 'investment', 'donation', 'financial'],
      },
    },
    {
      id: 'built',
      label: { nl: 'Gebouwd kapitaal', en: 'Built capital' },
      description: {
        nl: 'Gebouwen en voorzieningen: buurthuis, woningen, wegen, vervoer, digitale infrastructuur.',
        en: 'Buildings and facilities: community centre, housing, roads, transport, digital infrastructure.',
      },
      color: '#332288',
      pattern: 'diagonal',
      keywords: {
        nl: ['gebouw', 'buurthuis', 'wijkcentrum', 'woningen', 'verbouwing', 'ruimte', 'voorziening', 'bankje', 'speeltuin', 'vervoer', 'fietspad', 'internet'],
        en: ['building', 'community centre', 'housing', 'renovation', 'premises', 'facility', 'bench', 'playground', 'transport', 'road', 'internet', 'broadband'],
      },
    },
  ],
};
