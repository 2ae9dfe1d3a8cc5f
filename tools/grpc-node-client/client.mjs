// A reception program in another language: calls every RPC of onshi.device.v1 over the clinic LAN listener
// with a client certificate issued by `onshi-device client issue`, using only proto/ and the issued files.
//
//   ONSHI_LAN_ADDRESS  host:port of the LAN listener (the tests: 127.0.0.1 only)
//   ONSHI_CA_CERT      the clinic CA certificate (ca.crt, shipped with the client's files)
//   ONSHI_CLIENT_CERT + ONSHI_CLIENT_KEY   the client's PEM certificate and key, or
//   ONSHI_CLIENT_P12 + ONSHI_P12_PASSWORD  the client's PKCS#12 file and its password
//   ONSHI_PIN          the JPKI authentication PIN of the card on the reader (for VerifyPin and Sign)
//   node client.mjs all        every RPC; one line per RPC, exit 0 when each one was answered by the service
//   node client.mjs refused    one ListReaders that must fail at the TLS handshake; exit 0 when it did
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '../../proto');
const protoFiles = ['cards.proto', 'certificates.proto', 'readers.proto', 'errors.proto'].map(f => `onshi/device/v1/${f}`);
const definition = protoLoader.loadSync(protoFiles, { includeDirs: [protoRoot], keepCase: false, longs: String, enums: String, defaults: true });
const v1 = grpc.loadPackageDefinition(definition).onshi.device.v1;
const deadline = () => new Date(Date.now() + 15000);

function need(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`error: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

function credentials() {
  const ca = readFileSync(need('ONSHI_CA_CERT'));
  if (process.env.ONSHI_CLIENT_P12) {
    const context = tls.createSecureContext({ ca, pfx: readFileSync(process.env.ONSHI_CLIENT_P12), passphrase: need('ONSHI_P12_PASSWORD') });
    return grpc.credentials.createFromSecureContext(context);
  }
  if (process.env.ONSHI_CLIENT_CERT) {
    return grpc.credentials.createSsl(ca, readFileSync(need('ONSHI_CLIENT_KEY')), readFileSync(process.env.ONSHI_CLIENT_CERT));
  }
  return grpc.credentials.createSsl(ca); // no client certificate: the listener must refuse
}

const address = need('ONSHI_LAN_ADDRESS');
let creds;
try {
  creds = credentials();
} catch (error) {
  // A wrong .p12 password or a file that is not PEM: one line, not a stack trace.
  console.error(`error: cannot load the client files: ${error.message}`);
  process.exit(2);
}
const clients = {
  Readers: new v1.Readers(address, creds),
  Cards: new v1.Cards(address, creds),
  Certificates: new v1.Certificates(address, creds),
};

const unary = (client, method, request) => new Promise((resolve, reject) =>
  client[method](request, { deadline: deadline() }, (error, response) => (error ? reject(error) : resolve(response))));

// The first message of a server stream, then the stream is cancelled (how a client ends a watch).
const firstOfStream = (client, method, request) => new Promise((resolve, reject) => {
  const call = client[method](request, { deadline: deadline() });
  call.once('data', message => { resolve(message); call.cancel(); });
  call.once('error', error => { if (error.code !== grpc.status.CANCELLED) reject(error); });
});

function describe(error) {
  const info = error.metadata?.get('grpc-status-details-bin')?.length ? ' (with ErrorInfo)' : '';
  return `code=${error.code} ${grpc.status[error.code]}${info}: ${error.details}`;
}

async function all() {
  const pin = need('ONSHI_PIN');
  const digest = createHash('sha256').update('onshi node client').digest();
  const state = {};
  // One step per RPC of the contract; a new RPC without a step here fails the run.
  const steps = {
    'Readers/ListReaders': async () => {
      const answer = await unary(clients.Readers, 'ListReaders', {});
      const withCard = answer.readers.find(reader => reader.cardPresent);
      if (!withCard) throw new Error('no reader holds a card');
      state.reader = withCard.name;
      return `${answer.readers.length} readers, card on "${withCard.name}"`;
    },
    'Readers/WatchReaders': async () => {
      const event = await firstOfStream(clients.Readers, 'WatchReaders', {});
      return `first event ${event.event ?? Object.keys(event).join(',')}`;
    },
    'Cards/IdentifyCard': async () => {
      const answer = await unary(clients.Cards, 'IdentifyCard', { reader: state.reader });
      if (answer.cardType !== 'CARD_TYPE_MY_NUMBER') throw new Error(`card type ${answer.cardType}`);
      return answer.cardType;
    },
    'Cards/GetPinStatus': async () => {
      const answer = await unary(clients.Cards, 'GetPinStatus', { reader: state.reader, pinKind: 'PIN_KIND_JPKI_AUTH_PIN' });
      return `tries left ${answer.status.triesLeft}`;
    },
    'Cards/VerifyPin': async () => {
      const answer = await unary(clients.Cards, 'VerifyPin', { reader: state.reader, pinKind: 'PIN_KIND_JPKI_AUTH_PIN', pin });
      return `verified, tries left ${answer.status.triesLeft}`;
    },
    'Cards/ReadCertificate': async () => {
      const answer = await unary(clients.Cards, 'ReadCertificate', { reader: state.reader, kind: 'CERTIFICATE_KIND_JPKI_AUTH' });
      state.der = answer.der;
      return `${answer.der.length} bytes`;
    },
    'Cards/Sign': async () => {
      const answer = await unary(clients.Cards, 'Sign', { reader: state.reader, key: 'KEY_KIND_JPKI_AUTH_KEY', pin, sha256Digest: digest });
      return `${answer.signature.length}-byte signature`;
    },
    'Certificates/Verify': async () => {
      const answer = await unary(clients.Certificates, 'Verify', { der: state.der, purpose: 'CERTIFICATE_PURPOSE_JPKI_AUTHENTICATION' });
      if (!answer.valid) throw new Error(`not valid: ${JSON.stringify(answer.failures)}`);
      return `valid, revocation ${answer.revocation}`;
    },
  };

  const contract = Object.entries(clients).flatMap(([service, client]) =>
    Object.keys(Object.getPrototypeOf(client)).filter(key => /^[A-Z]/.test(key)).map(method => `${service}/${method}`));
  let failed = 0;
  for (const rpc of contract) {
    if (!steps[rpc]) {
      console.log(`FAIL ${rpc}: no step calls it`);
      failed++;
    }
  }
  for (const [rpc, step] of Object.entries(steps)) {
    try {
      console.log(`ok ${rpc}: ${await step()}`);
    } catch (error) {
      console.log(`FAIL ${rpc}: ${error.code === undefined ? error.message : describe(error)}`);
      failed++;
    }
  }
  console.log(`${contract.length} RPCs of the contract, ${failed} failed`);
  return failed === 0 && contract.length === Object.keys(steps).length;
}

async function refused() {
  try {
    await unary(clients.Readers, 'ListReaders', {});
    console.log('FAIL the listener answered');
    return false;
  } catch (error) {
    console.log(`refused ${describe(error)}`);
    // Refused at the handshake, not a listener that is not there.
    return error.code === grpc.status.UNAVAILABLE && !/ECONNREFUSED|ENOENT|ETIMEDOUT/.test(error.details);
  }
}

const mode = process.argv[2];
const run = { all, refused }[mode];
if (!run) {
  console.error('usage: node client.mjs all|refused');
  process.exit(2);
}
const passed = await run();
Object.values(clients).forEach(client => client.close());
process.exit(passed ? 0 : 1);
