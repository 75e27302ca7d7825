import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { protobuf } from 'google-gax';
import { protoRoots } from '../protos';
import { formatLocationName, type Place } from './names';
import { paginate } from './paging';
import { invalidArgument, notFound, unary, unimplemented } from './rpc-error';

let runRoot: protobuf.Root | undefined;

/** Cloud Run's messages from the protos.json that ships inside @google-cloud/run. */
function cloudRunRoot(): protobuf.Root {
  if (!runRoot) {
    const dir = protoRoots().find((d) =>
      d.includes(`${path.sep}@google-cloud${path.sep}run${path.sep}`),
    );
    if (!dir) throw new Error('@google-cloud/run protos folder not found');
    const json = JSON.parse(
      readFileSync(path.join(dir, 'protos.json'), 'utf8'),
    ) as protobuf.INamespace;
    runRoot = protobuf.Root.fromJSON(json);
  }
  return runRoot;
}

/** Packs a plain message into google.protobuf.Any, the way an Operation carries its result. */
export function packAny(typeName: string, message: object): { typeUrl: string; value: Buffer } {
  const type = cloudRunRoot().lookupType(typeName);
  const value = Buffer.from(type.encode(type.fromObject(message)).finish());
  return { typeUrl: `type.googleapis.com/${typeName}`, value };
}

type ResultType = 'google.cloud.run.v2.Job' | 'google.cloud.run.v2.Execution';

interface StoredOperation {
  readonly name: string;
  readonly resultType: ResultType;
  /** Reads the result when it is reported, so the answer shows the resource as it is then. */
  readonly read: () => object;
  done: boolean;
}

/** UUID-shaped id derived from what the operation is about, so a replayed run names it alike. */
function operationId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/**
 * Long-running operations of one emulator. Cloud Run's Job updates finish within seconds; here an
 * operation is reported pending when created and done from the first GetOperation on.
 */
export class OperationStore {
  readonly #operations = new Map<string, StoredOperation>();

  constructor(private readonly place: Place) {}

  start(seed: string, resultType: ResultType, read: () => object, done = false) {
    const name = `${formatLocationName(this.place)}/operations/${operationId(seed)}`;
    const operation: StoredOperation = { name, resultType, read, done };
    this.#operations.set(name, operation);
    return this.message(operation);
  }

  /** Reports the operation, completing it. */
  poll(name: unknown) {
    if (
      typeof name !== 'string' ||
      !/^projects\/[^/]+\/locations\/[^/]+\/operations\/[^/]+$/.test(name)
    ) {
      throw invalidArgument(
        `name must look like projects/{project}/locations/{location}/operations/{operation}, got ${JSON.stringify(name ?? '')}`,
      );
    }
    const operation = this.#operations.get(name);
    if (!operation) throw notFound(`operation ${name} was not found`);
    operation.done = true;
    return this.message(operation);
  }

  list() {
    return [...this.#operations.values()];
  }

  message(operation: StoredOperation) {
    const result = packAny(operation.resultType, operation.read());
    return {
      name: operation.name,
      metadata: result,
      done: operation.done,
      ...(operation.done && { response: result }),
    };
  }
}

interface ListOperationsRequest {
  name?: string;
  pageSize?: number;
  pageToken?: string;
}

/** Handlers for google.longrunning.Operations. */
export function operationsHandlers(
  store: OperationStore,
  place: Place,
): grpc.UntypedServiceImplementation {
  const location = formatLocationName(place);
  return {
    GetOperation: unary((request: { name?: string }) => store.poll(request.name)),
    WaitOperation: unary((request: { name?: string }) => store.poll(request.name)),
    ListOperations: unary((request: ListOperationsRequest) => {
      if (request.name && request.name !== location)
        throw notFound(`location ${request.name} was not found`);
      const { page, nextPageToken } = paginate(store.list(), (op) => [op.name], {
        parent: location,
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
      return { operations: page.map((op) => store.message(op)), nextPageToken };
    }),
    DeleteOperation: unimplemented('google.longrunning.Operations', 'DeleteOperation'),
    CancelOperation: unimplemented('google.longrunning.Operations', 'CancelOperation'),
  };
}
