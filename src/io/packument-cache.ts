/**
 * The packuments fetched during one run, shared by the registry client and every dependency
 * resolution of that run (pacote reads and fills it as `packumentCache`). `drift` over many pins
 * then asks the registry once per package and run, not once per pin that depends on it. Bounded:
 * least recently used entries go first, and a packument of unknown or very large size is not kept.
 */
export class PackumentCache {
  private readonly entries = new Map<string, { value: unknown; size: number }>();
  private bytes = 0;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly maxBytes: number;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.maxBytes = maxBytes;
  }

  /** The key pacote uses for the full packument of `name` from `registry`. */
  static keyFor(registry: string, name: string): string {
    return `full:${registry.replace(/\/+$/, '')}/${name.replace('/', '%2f')}`;
  }

  /**
   * The cached packument, or the one being fetched for the same key, or `fetch()`: pins resolved
   * at the same time that share a dependency ask for it once.
   */
  once(key: string, fetch: () => Promise<unknown>): Promise<unknown> {
    if (this.entries.has(key)) return Promise.resolve(this.get(key));
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = fetch().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: unknown): this {
    this.delete(key);
    const size = Number((value as { _contentLength?: unknown } | null)?._contentLength) || 0;
    if (size <= 0 || size > this.maxBytes / 4) return this;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes + size <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
    this.entries.set(key, { value, size });
    this.bytes += size;
    return this;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.bytes -= entry.size;
    return true;
  }
}
