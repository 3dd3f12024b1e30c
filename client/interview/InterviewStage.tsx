import { useId } from 'react';
import { useSessionHandle } from '../store/SessionContext';
import { Countdown } from './Countdown';
import { useInterview } from './useInterview';
import { guideQuestions, useInterviewT } from './useInterviewT';
import { useRoundClock } from './useRoundClock';
import './interview.css';

/**
 * The projector and the presenter screen during the interviews: the questions to ask, the
 * round's big countdown (the same as on every phone) and how many ripples the pairs have
 * written down so far.
 */
export default function InterviewStage() {
  const t = useInterviewT();
  const id = useId();
  const { doc } = useSessionHandle();
  const view = useInterview(doc);
  const clock = useRoundClock(view.settings);
  const pairs = view.pairs.filter((p) => p.round === view.settings.round && p.invite === null).length;
  return (
    <div className="interview-stage">
      <section className="interview-stage__questions" aria-labelledby={`${id}-q`}>
        <h2 id={`${id}-q`}>{t('iv.questionsHeading')}</h2>
        <ol>
          {guideQuestions(view.settings.questions, t).map((question, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a question is its place in the list
            <li key={index}>{question}</li>
          ))}
        </ol>
      </section>
      <div className="interview-stage__side">
        <h2>{t('iv.heading')}</h2>
        <Countdown clock={clock} t={t} large />
        <p className="interview-stage__counts" data-testid="draft-count">
          {t('iv.draftCount', { count: view.drafts.length })}
        </p>
        <p className="interview-stage__counts">{t('iv.pairs', { count: pairs })}</p>
      </div>
    </div>
  );
}
