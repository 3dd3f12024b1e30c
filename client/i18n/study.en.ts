import type { studyNl } from './study.nl';

/** English texts for running a whole REM study; typed by the Dutch keys, so a missing one fails typecheck. */
export const studyEn: Record<keyof typeof studyNl, string> = {
  'voting.button': 'Voting',
  'voting.buttonOpen': 'Voting (open)',
  'voting.heading': 'Dot voting',
  'voting.intro':
    'Everyone puts dots on the ripples that matter most to them. While voting is open nobody sees how many dots a ripple has, so nobody is steered.',
  'voting.dots': 'Dots per participant',
  'voting.dotsHint': 'From 1 to 10.',
  'voting.open': 'Open voting',
  'voting.close': 'Close voting',
  'voting.reveal': 'Show the result',
  'voting.hide': 'Hide the result',
  'voting.clear': 'Remove all dots',
  'voting.clearConfirm': 'Remove all dots? This cannot be undone.',
  'voting.status.idle': 'Voting has not started yet.',
  'voting.status.open': 'Voting is open. {count} {count|dot has|dots have} been placed.',
  'voting.status.closed':
    'Voting is closed: {count} {count|dot|dots}. Show the result when everyone is ready.',
  'voting.status.revealed': 'The result is on the big screen and on the phones.',
  'voting.results': 'Voting result',
  'voting.resultsEmpty': 'No dots were placed.',
  'voting.rank': 'Place {rank}',
  'voting.dotCount': '{count} {count|dot|dots}',
  'phone.results.banner': 'The voting result is in.',
  'phone.results.go': 'See the result',
};
