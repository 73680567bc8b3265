import { useCallback, useEffect, useRef, useState } from 'react';
import type { IntakeInput } from '../../../common/schemas/matters';
import { errorMessage } from '../../api/client';
import type { Draft } from './report-draft';
import { isRetryable, submitReport, type IntakeResult } from './work-api';

export type Phase = 'idle' | 'sending' | 'waiting' | 'done';

const RETRY_MS = 5_000;

export function intakeBody(d: Draft): IntakeInput {
  return {
    clientKey: d.clientKey,
    typeCode: d.type?.code ?? '',
    description: d.description.trim(),
    ...(d.location
      ? {
          location:
            d.location.source === 'map'
              ? { lng: d.location.lng, lat: d.location.lat, crs: 'wgs84' as const, source: 'map' as const }
              : { lng: d.location.lng, lat: d.location.lat, crs: 'wgs84' as const, source: 'gps' as const, accuracyM: d.location.accuracyM },
        }
      : {}),
    ...(!d.location && d.gridCode ? { gridCode: d.gridCode } : {}),
    ...(d.address.trim() ? { address: d.address.trim() } : {}),
    photoKeys: d.photos.map((p) => p.id),
    resolvedOnSpot: d.resolvedOnSpot,
    ...(d.resolvedOnSpot ? { result: d.result.trim() } : {}),
    source: 'worker',
  };
}

/**
 * Sends the report; when the network or the server fails, keeps it in the outbox (the draft,
 * marked) and sends it again with the same clientKey when the phone is back online, every few
 * seconds, and after a reload, until the server answers. A 4xx is the server's answer: shown,
 * with the draft kept for correcting.
 */
export function useReportSubmit(draft: Draft, update: (p: Partial<Draft>) => void, clear: () => void) {
  const [phase, setPhase] = useState<Phase>(draft.outbox ? 'waiting' : 'idle');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const latest = useRef(draft);
  latest.current = draft;
  const inFlight = useRef(false);

  const send = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    setPhase((p) => (p === 'waiting' ? 'waiting' : 'sending'));
    update({ outbox: true });
    try {
      const r = await submitReport(intakeBody(latest.current));
      setResult(r);
      setPhase('done');
      clear();
    } catch (e) {
      if (isRetryable(e)) setPhase((p) => (p === 'idle' ? 'idle' : 'waiting'));
      else {
        setError(errorMessage(e));
        setPhase('idle');
        update({ outbox: false });
      }
    } finally {
      inFlight.current = false;
    }
  }, [update, clear]);

  useEffect(() => {
    if (phase !== 'waiting') return;
    const again = () => void send();
    window.addEventListener('online', again);
    const timer = window.setInterval(again, RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [phase, send]);

  // A report left in the outbox by an earlier visit goes out at once.
  useEffect(() => {
    if (draft.outbox) void send();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const reset = useCallback(() => {
    setResult(null);
    setPhase('idle');
  }, []);
  const cancel = useCallback(() => {
    setPhase('idle');
    update({ outbox: false });
  }, [update]);
  return { phase, error, result, send, reset, cancel };
}
