import type { CatalogueOf } from '../catalogue-entry.js';

/** behaviour findings: what a server attempted while it was started and listed in the sandbox. */
export const behaviourCatalogue = {
  'behaviour/listens-on-all-interfaces': {
    title: 'The server listens on every network interface (NeighborJack)',
    severity: 'high',
    explanation:
      'While it started, the server bound a socket to 0.0.0.0 or ::, not to loopback. On the user’s machine anyone on the same network (a café, an office, a hotel) could reach that port and use the server’s tools with the user’s credentials, without the MCP client being involved.',
    remedy:
      'Ask the maintainers to bind to 127.0.0.1 (or to a unix socket) by default, or configure the server to do so; approve only a server that does not expose itself.',
  },
  'behaviour/sensitive-path': {
    title: 'The server reached for a user’s secrets',
    severity: 'critical',
    explanation:
      'While it was only asked to list its tools, the server opened or probed a place that holds secrets: ssh keys, cloud credentials, browser profiles, keychains, GnuPG keys or password hashes. The sandbox showed it an empty home, but outside the sandbox it would have read the real ones.',
    remedy:
      'Do not approve. A server that needs such a credential for its purpose (a cloud or ssh tool) should read it when a tool is called, not at start-up; read the code that does this first.',
  },
  'behaviour/spawns-process': {
    title: 'The server starts a program at start-up',
    severity: 'medium',
    explanation:
      'The server executed a program (the command line is in the evidence) while it started and was listed. Some servers legitimately start a helper; a shell or a downloader at start-up is how install-free malware runs.',
    remedy: 'Check that the command is part of the server’s documented purpose.',
  },
  'behaviour/connects': {
    title: 'The server opens network connections at start-up',
    severity: 'medium',
    explanation:
      'The server tried to connect to an address (in the evidence) before any tool was called. The sandbox has no network beyond loopback, so the attempt failed there, but it would succeed on the user’s machine: telemetry at best, exfiltration or a payload download at worst.',
    remedy: 'Find out what the destination is and why it is contacted before the user asked for anything.',
  },
  'behaviour/listens': {
    title: 'The server opens a local port',
    severity: 'low',
    explanation:
      'The server bound a socket on loopback while it started. Other local programs (and web pages, through DNS rebinding) can talk to it.',
    remedy: 'Check that the port is needed and protected.',
  },
  'behaviour/reads-outside': {
    title: 'The server opens files outside its install tree',
    severity: 'info',
    explanation:
      'The server opened or probed files that belong neither to its install tree, nor to the sandbox’s home, workspace and temp folders, nor to the system libraries. The paths are in the record.',
    remedy: 'Usually harmless (configuration defaults); look at the paths when the list changes.',
  },
  'behaviour/spawn-added': {
    title: 'The update starts a program the pinned version did not',
    severity: 'high',
    explanation:
      'At start-up the candidate executes a command that the pinned version did not execute. Rug pulls that fetch and run a second stage look like this.',
    remedy: 'Read the code that starts the command before approving.',
  },
  'behaviour/destination-added': {
    title: 'The update connects to a new destination',
    severity: 'high',
    explanation: 'At start-up the candidate connects to an address the pinned version never contacted.',
    remedy: 'Find out who runs the destination and what is sent there before approving.',
  },
  'behaviour/listener-added': {
    title: 'The update opens a socket the pinned version did not',
    severity: 'high',
    explanation:
      'At start-up the candidate binds or listens on an address the pinned version did not: a new way in to the user’s machine.',
    remedy: 'Approve only if the new port is documented and bound to loopback.',
  },
  'behaviour/file-added': {
    title: 'The update opens files outside its tree that the pinned version did not',
    severity: 'medium',
    explanation:
      'The candidate opens or probes paths outside its install tree and the sandbox that the pinned version left alone.',
    remedy: 'Look at the new paths (in the evidence): configuration is harmless, other programs’ data is not.',
  },
  'behaviour/denial-added': {
    title: 'The sandbox denied the update a kind of operation the pinned version never attempted',
    severity: 'high',
    explanation:
      'A sandbox layer denied the candidate a child process, a file read outside its tree, a file write, a worker or a network connection (the resource is in the evidence), and the pinned version made no attempt of that kind. Code that starts a shell or downloads a second stage at start-up is stopped by the sandbox; the attempt is the evidence.',
    remedy: 'Read the code that makes the attempt; a denied download or shell at start-up is how a rug pull begins.',
  },
  'behaviour/denial-resource-added': {
    title: 'The sandbox denied the update a resource the pinned version never tried',
    severity: 'medium',
    explanation:
      'The pinned version was already denied operations of this kind (child processes, file reads, network…), but the candidate tries new resources: another program, path or address (in the evidence).',
    remedy: 'Compare the new resources with the old ones; a new address or program deserves a look at the code.',
  },
  'behaviour/no-baseline': {
    title: 'The pin has no behaviour record to compare the update with',
    severity: 'info',
    explanation:
      'The pin was made before mcp-vet stored what a server attempts at start-up (snapshots/<pkg>/<version>/behaviour.json), so new programs, destinations, sockets and denials cannot be told from old ones. The candidate’s own behaviour is still reported; approving it stores its record as the baseline.',
    remedy: 'Approve (or add again) the version you trust to store its behaviour record.',
  },
  'behaviour/tracer-differs': {
    title: 'The pinned behaviour and the update’s were recorded with different tracers',
    severity: 'info',
    explanation:
      'One record was traced with strace, the other holds only sandbox denials (strace missing or not allowed to trace on that machine), so programs, connections, sockets and files are not compared; denials are.',
    remedy: 'Install strace where mcp-vet runs (Debian: apt-get install strace) so both records are traced.',
  },
  'behaviour/untraced': {
    title: 'Only the sandbox denials were recorded (no tracer)',
    severity: 'info',
    explanation:
      'strace is not installed (or cannot trace here), so the behaviour record holds only what a sandbox layer denied and the server reported; processes, connections, sockets and files were not observed.',
    remedy: 'Install strace (Debian: apt-get install strace) for a complete record.',
  },
} as const satisfies CatalogueOf<'behaviour'>;
