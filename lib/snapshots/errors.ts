import { ServiceError, type FieldErrors } from '@/lib/service/errors';
import { formatDateTimeUtc } from '@/lib/format';

/** No snapshot has this id: mistyped, cut off when pasted, or never shared. Maps to 404. */
export class SnapshotNotFoundError extends ServiceError {
  constructor(readonly id: string) {
    super(404, 'There is no shared report at this link. Check that the whole link was copied.');
    this.name = 'SnapshotNotFoundError';
  }
}

/** The snapshot existed but may no longer be opened. Maps to 410. */
export class SnapshotGoneError extends ServiceError {
  constructor(
    readonly id: string,
    readonly reason: 'revoked' | 'expired' | 'link-expired',
    at: number,
  ) {
    const when = formatDateTimeUtc(at);
    super(
      410,
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
export class SnapshotRevokeRefusedError extends ServiceError {
  constructor(email: string, author: string) {
    super(
      403,
      `Only ${author}, who shared this report, or an admin can revoke it; you are ${email}.`,
    );
    this.name = 'SnapshotRevokeRefusedError';
  }
}

/** Public links are off in this deployment, or the link's signature does not match. */
export class PublicLinkError extends ServiceError {
  constructor(message: string) {
    super(403, message);
    this.name = 'PublicLinkError';
  }
}

/** A share request that cannot be taken as it is; `fieldErrors` name each bad field. Maps to 400. */
export class SnapshotRequestError extends ServiceError {
  constructor(message: string, fieldErrors: FieldErrors = {}) {
    super(400, message, { fieldErrors });
    this.name = 'SnapshotRequestError';
  }
}
