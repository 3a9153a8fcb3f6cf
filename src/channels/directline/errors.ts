/** The web chat's errors: a Direct Line status and code the routes answer with (src/channels/directline/routeKit.ts). */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
