/**
 * Dutch texts for running a whole REM study (issue #20): the dot vote, the session set-up,
 * the facilitator link and "Mijn sessies". Spread into `nl` in ./nl.ts.
 */
export const studyNl = {
  'voting.button': 'Stemmen',
  'voting.buttonOpen': 'Stemmen (open)',
  'voting.heading': 'Stemmen met stippen',
  'voting.intro':
    'Iedereen zet stippen bij de rimpelingen die voor hem of haar het meest betekenen. Tijdens het stemmen ziet niemand hoeveel stippen ergens staan, zodat niemand wordt gestuurd.',
  'voting.dots': 'Stippen per deelnemer',
  'voting.dotsHint': 'Van 1 tot en met 10.',
  'voting.open': 'Stemmen openen',
  'voting.close': 'Stemmen sluiten',
  'voting.reveal': 'Uitslag tonen',
  'voting.hide': 'Uitslag verbergen',
  'voting.clear': 'Alle stippen wissen',
  'voting.clearConfirm': 'Alle stippen wissen? Dat kan niet ongedaan worden gemaakt.',
  'voting.status.idle': 'Het stemmen is nog niet begonnen.',
  'voting.status.open': 'Het stemmen is open. Er {count|is|zijn} {count} {count|stip|stippen} gezet.',
  'voting.status.closed':
    'Het stemmen is gesloten: {count} {count|stip|stippen}. Toon de uitslag als iedereen klaar is.',
  'voting.status.revealed': 'De uitslag staat op het grote scherm en op de telefoons.',
  'voting.results': 'Uitslag van het stemmen',
  'voting.resultsEmpty': 'Er zijn geen stippen gezet.',
  'voting.rank': '{rank}e plaats',
  'voting.dotCount': '{count} {count|stip|stippen}',
  'phone.results.banner': 'De uitslag van het stemmen is er.',
  'phone.results.go': 'Naar de uitslag',
} as const;
