// The HTTP client handed to the Teams SDK (its documented `client` option), which builds its axios
// instance only when a request is made. The SDK clones its client six times for every activity it
// processes (the context's API client, two Graph clients and their own clones), each clone a new
// axios instance with its defaults merged and a logger — about a sixth of the main thread in
// bench:teams' profile (decision 13.s10p-1) — and Keypost sends nothing through them: replies,
// notices and card updates leave through BotConnectorClient. A clone of this client is an object
// holding how to build the real one (the SDK's own `Client.clone`, same headers, token and
// interceptors); the first request, interceptor or read of a clone builds it, so anything the SDK
// does send behaves exactly as with its own client.
import type { AppOptions, IPlugin } from "@microsoft/teams.apps";
import { Client, type ClientOptions, type Interceptor } from "@microsoft/teams.common";

/** The SDK's HTTP client class as the App's options name it. */
type SdkClient = Extract<NonNullable<AppOptions<IPlugin>["client"]>, { request: unknown }>;

/** The part of the SDK's HTTP client the SDK and its API/Graph clients call (all public). */
export class DeferredHttpClient {
  #built: Client | undefined;
  readonly #build: () => Client;

  constructor(build: () => Client) {
    this.#build = build;
  }

  /** A root client, as the SDK would build it from these options. */
  static of(options: ClientOptions = {}): DeferredHttpClient {
    return new DeferredHttpClient(() => new Client(options));
  }

  /** Whether the real client (its axios instance) exists yet. */
  get built(): boolean {
    return this.#built !== undefined;
  }

  private get real(): Client {
    return (this.#built ??= this.#build());
  }

  get name(): string {
    return this.real.name;
  }

  get token(): Client["token"] {
    return this.real.token;
  }

  set token(token: Client["token"]) {
    this.real.token = token;
  }

  get(...args: Parameters<Client["get"]>): ReturnType<Client["get"]> {
    return this.real.get(...args);
  }

  post(...args: Parameters<Client["post"]>): ReturnType<Client["post"]> {
    return this.real.post(...args);
  }

  put(...args: Parameters<Client["put"]>): ReturnType<Client["put"]> {
    return this.real.put(...args);
  }

  patch(...args: Parameters<Client["patch"]>): ReturnType<Client["patch"]> {
    return this.real.patch(...args);
  }

  delete(...args: Parameters<Client["delete"]>): ReturnType<Client["delete"]> {
    return this.real.delete(...args);
  }

  request(...args: Parameters<Client["request"]>): ReturnType<Client["request"]> {
    return this.real.request(...args);
  }

  use(interceptor: Interceptor): number {
    return this.real.use(interceptor);
  }

  eject(id: number): void {
    this.real.eject(id);
  }

  clear(): void {
    this.real.clear();
  }

  /** A copy with these options: built, when first used, by the SDK's own clone of this client. */
  clone(options?: ClientOptions): DeferredHttpClient {
    return new DeferredHttpClient(() => this.real.clone(options));
  }

  /**
   * As the SDK's `client` option, which takes its own class (checked at run time by `"request" in
   * client`): every member the SDK and its API/Graph clients call is here, and each clone is one of these.
   */
  asSdkClient(): SdkClient {
    return this as unknown as SdkClient;
  }
}
