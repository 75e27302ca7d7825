/** No snapshot has this id: mistyped, cut off when pasted, or never shared. Maps to 404. */
export class SnapshotNotFoundError extends Error {
  readonly status = 404;
  constructor(readonly id: string) {
    super('There is no shared report at this link. Check that the whole link was copied.');
    this.name = 'SnapshotNotFoundError';
  }
}

/** The snapshot existed but may no longer be opened. Maps to 410. */
export class SnapshotGoneError extends Error {
  readonly status = 410;
  constructor(
    readonly id: string,
    readonly reason: 'revoked' | 'expired' | 'link-expired',
    at: number,
  ) {
    const when = new Date(at).toISOString().replace('T', ' ').slice(0, 16);
    super(
      reason === 'revoked'
        ? `This shared report was revoked on ${when} UTC. Ask whoever shared it for a new link.`
        : reason === 'expired'
          ? `This shared report expired on ${when} UTC. Ask whoever shared it for a new link.`
          : `This public link expired on ${when} UTC. Ask whoever shared it for a new link.`,
    );
    this.name = 'SnapshotGoneError';
  }
}

/** Only the author of a snapshot or an admin may revoke it. Maps to 403. */
export class SnapshotRevokeRefusedError extends Error {
  readonly status = 403;
  constructor(email: string, author: string) {
    super(`Only ${author}, who shared this report, or an admin can revoke it; you are ${email}.`);
    this.name = 'SnapshotRevokeRefusedError';
  }
}

/** Public links are off in this deployment, or the link's signature does not match. */
export class PublicLinkError extends Error {
  readonly status = 403;
  constructor(message: string) {
    super(message);
    this.name = 'PublicLinkError';
  }
}

/** A share request that cannot be taken as it is; `fieldErrors` name each bad field. Maps to 400. */
export class SnapshotRequestError extends Error {
  readonly status = 400;
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(message);
    this.name = 'SnapshotRequestError';
  }
}
