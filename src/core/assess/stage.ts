import { finding, type Finding } from '../findings/finding.js';

/** The stages of a verification; each runs whatever another one did. */
export type Stage = 'fetch' | 'closure' | 'provenance' | 'advisories' | 'snapshot' | 'manifest-diff' | 'evidence';

/** A stage that could not complete, with its cause (the request or permission that failed). */
export interface StageFailure {
  stage: Stage;
  subject: string;
  /** the error code of the cause (REGISTRY_UNREACHABLE, SERVER_FAILED, TIMEOUT…) */
  code: string;
  /** the cause, naming the request, file or permission */
  message: string;
  /** a sandboxed start: the step that failed, e.g. "listing (tools/list)" */
  step?: string;
  /** the request in flight, e.g. "tools/list" */
  request?: string;
  /** a sandboxed start: the server's last stderr lines, escaped */
  stderr?: string[];
  /** what the stderr says the server needed, as the option that gives it (core/start/hints.ts) */
  hints?: string[];
}

const WHAT: Record<Stage, string> = {
  fetch: 'fetching and reading the package',
  closure: 'resolving the dependency closure',
  provenance: 'checking provenance',
  advisories: 'asking for advisories',
  snapshot: 'the sandboxed start',
  'manifest-diff': 'diffing the manifest',
  evidence: 'reading the stored evidence',
};

/** One `stage/incomplete` finding per failed stage: what it would have checked is unknown. */
export function stageFindings(failures: readonly StageFailure[]): Finding[] {
  return failures.map((f) =>
    finding('stage/incomplete', {
      subject: f.subject,
      message: `${WHAT[f.stage]} could not complete: ${f.message}${f.hints?.length ? `; ${f.hints.join('; ')}` : ''}`,
      location: { kind: 'stage', name: f.stage },
      evidence: {
        stage: f.stage,
        code: f.code,
        cause: f.message,
        ...(f.step ? { step: f.step } : {}),
        ...(f.request ? { request: f.request } : {}),
        ...(f.stderr?.length ? { stderr: f.stderr } : {}),
        ...(f.hints?.length ? { hints: f.hints } : {}),
      },
    }),
  );
}
