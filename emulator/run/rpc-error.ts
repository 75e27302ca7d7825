import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { protobuf } from 'google-gax';
import { protoRoots } from '../protos';

export interface FieldViolation {
  /** Path in the request, e.g. `job.template.template.containers[0].resources.limits.memory`. */
  readonly field: string;
  readonly description: string;
}

/** An error the emulator answers with a gRPC status, as Cloud Run would. */
export class RpcError extends Error {
  readonly code: grpc.status;
  readonly violations: readonly FieldViolation[];

  constructor(code: grpc.status, message: string, violations: readonly FieldViolation[] = []) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.violations = violations;
  }
}

export const invalidArgument = (message: string, violations?: readonly FieldViolation[]) =>
  new RpcError(grpc.status.INVALID_ARGUMENT, message, violations);
export const notFound = (message: string) => new RpcError(grpc.status.NOT_FOUND, message);

let statusRoot: protobuf.Root | undefined;

/** google.rpc.Status and its detail types, from the status.json that ships inside google-gax. */
function rpcStatusRoot(): protobuf.Root {
  if (!statusRoot) {
    const gaxProtos = protoRoots().find((dir) => dir.includes(`${path.sep}google-gax${path.sep}`));
    if (!gaxProtos) throw new Error('google-gax protos folder not found');
    const json = JSON.parse(readFileSync(path.join(gaxProtos, 'status.json'), 'utf8')) as object;
    statusRoot = protobuf.Root.fromJSON(json as protobuf.INamespace);
  }
  return statusRoot;
}

/** The `grpc-status-details-bin` trailer: a google.rpc.Status carrying a BadRequest. */
function statusDetails(error: RpcError): Buffer {
  const root = rpcStatusRoot();
  const badRequest = root.lookupType('google.rpc.BadRequest');
  const status = root.lookupType('google.rpc.Status');
  const detail = badRequest
    .encode(badRequest.fromObject({ fieldViolations: error.violations }))
    .finish();
  const message = status.fromObject({
    code: error.code,
    message: error.message,
    details: [{ type_url: 'type.googleapis.com/google.rpc.BadRequest', value: detail }],
  });
  return Buffer.from(status.encode(message).finish());
}

/** Turns any thrown value into what grpc-js sends back; unknown errors become INTERNAL. */
export function toServiceError(error: unknown): Partial<grpc.ServiceError> {
  if (!(error instanceof RpcError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: grpc.status.INTERNAL, details: `emulator error: ${message}` };
  }
  const metadata = new grpc.Metadata();
  if (error.violations.length > 0) metadata.set('grpc-status-details-bin', statusDetails(error));
  return { code: error.code, details: error.message, metadata };
}

type UnaryBody<Req, Res> = (request: Req) => Res | Promise<Res>;

/** Adapts a plain (possibly async) function to a grpc-js unary handler. */
export function unary<Req, Res>(body: UnaryBody<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => body(call.request))
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error)),
      );
  };
}

/** A handler for an RPC the emulator does not serve. */
export function unimplemented(
  service: string,
  method: string,
): grpc.handleUnaryCall<unknown, never> {
  return (_call, callback) =>
    callback({
      code: grpc.status.UNIMPLEMENTED,
      details: `${service}.${method} is not served by the Tierwise emulator`,
    });
}
