/**
 * Places that hold a user's secrets. A server that so much as probes one while it starts is
 * reaching for credentials; the sandbox hides them, but the attempt says what the code is for.
 * Matched anywhere in a path (the sandbox's `${HOME}`, `/root`, `/home/<user>`, `/Users/<user>`).
 */
const SENSITIVE: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'ssh keys', pattern: /(^|\/)\.ssh(\/|$)/ },
  { kind: 'AWS credentials', pattern: /(^|\/)\.aws(\/|$)/ },
  {
    kind: 'cloud credentials',
    pattern: /(^|\/)(\.config\/gcloud|\.azure|\.kube\/config|\.docker\/config\.json)(\/|$)/,
  },
  { kind: 'GnuPG keys', pattern: /(^|\/)\.gnupg(\/|$)/ },
  {
    kind: 'browser profile',
    pattern:
      /(^|\/)(\.config\/(google-chrome|chromium|BraveSoftware|microsoft-edge|vivaldi|opera)|\.mozilla\/firefox|snap\/(firefox|chromium)|Library\/Application Support\/(Google\/Chrome|Firefox|BraveSoftware|Microsoft Edge|Arc)|Library\/(Safari|Cookies)|AppData\/(Local|Roaming)\/(Google\/Chrome|Mozilla\/Firefox|Microsoft\/Edge|BraveSoftware))(\/|$)/,
  },
  {
    kind: 'keychain',
    pattern: /(^|\/)(Library\/Keychains|\.local\/share\/keyrings|\.password-store|\.local\/share\/kwalletd)(\/|$)/,
  },
  { kind: 'password hashes', pattern: /^\/etc\/(shadow|gshadow)$/ },
];

/** What kind of secret a path holds, or undefined. */
export function sensitiveKind(path: string): string | undefined {
  return SENSITIVE.find((s) => s.pattern.test(path))?.kind;
}
