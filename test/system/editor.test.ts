// The editor, as a commissioner meets it: yaml-language-server (the engine of VS Code's YAML
// extension and of many other editors) reads a charter through its `$schema` modeline, over
// stdio, as an editor drives it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';

const SERVER = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const installed = existsSync(SERVER);
if (!installed) console.log('skipping the editor test: yaml-language-server is not installed (a devDependency: run npm ci)');

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
}

/** A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private readonly listeners: ((message: Message) => void)[] = [];

  constructor(private readonly server: ChildProcessWithoutNullStreams) {
    server.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerEnd = this.buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
        if (this.buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
        this.buffer = this.buffer.subarray(headerEnd + 4 + length);
        this.receive(message);
      }
    });
  }

  private receive(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
      return;
    }
    // Requests from the server (configuration, capability registration): answer so it goes on.
    if (message.id !== undefined && message.method) this.send({ id: message.id, result: message.method === 'workspace/configuration' ? this.configuration(message.params) : null });
    for (const listener of this.listeners) listener(message);
  }

  /** Each section of the editor's settings the server asks for: `yaml`, and `http` with a proxy that leads nowhere, so that nothing is fetched from the network. */
  readonly sections: Record<string, unknown> = {
    yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false } },
    http: { proxy: 'http://127.0.0.1:9', proxyStrictSSL: true },
  };

  private configuration(params: Record<string, unknown> | undefined): unknown[] {
    return ((params?.['items'] as { section?: string }[] | undefined) ?? []).map((item) => this.sections[item.section ?? ''] ?? null);
  }

  private send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method: string, params: object): Promise<unknown> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  /** The next notification `method` that `accept` takes. */
  next(method: string, accept: (params: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.listeners.push((message) => {
        if (message.method === method && accept(message.params ?? {})) resolve(message.params ?? {});
      });
    });
  }
}

interface Diagnostic {
  message: string;
  range: { start: { line: number; character: number } };
}

/** The server, started in `root` as an editor starts it, with no way out to the network (its proxy, and the environment's, lead nowhere). */
async function startServer(root: string): Promise<{ server: ChildProcessWithoutNullStreams; client: LspClient }> {
  const deadEnd = 'http://127.0.0.1:9';
  const server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, env: { ...process.env, HTTP_PROXY: deadEnd, HTTPS_PROXY: deadEnd, http_proxy: deadEnd, https_proxy: deadEnd, NO_PROXY: '', no_proxy: '' } });
  const client = new LspClient(server);
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} }, workspace: { configuration: true } },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: client.sections });
  return { server, client };
}

/** The hover's text, as an editor shows it. */
async function hoverText(client: LspClient, uri: string, line: number, character: number): Promise<string> {
  const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents: { value: string } | string } | null;
  return typeof hover?.contents === 'string' ? hover.contents : (hover?.contents.value ?? '');
}

describe.skipIf(!installed)('the editor (yaml-language-server over the $schema modeline)', () => {
  let server: ChildProcessWithoutNullStreams;
  let client: LspClient;

  beforeAll(async () => {
    ({ server, client } = await startServer(ROOT));
  });

  afterAll(() => server?.kill());

  // The strong example, with three mistakes a person makes: a typo'd key, a wrong type, a bad choice.
  const schema = pathToFileURL(join(ROOT, 'schemas/charter.schema.json')).href;
  const lines = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8')
    .replace(/^# yaml-language-server: .*$/m, `# yaml-language-server: $schema=${schema}`)
    .replace(/^status: approved$/m, 'status: agreed-in-principle')
    .replace(/^governance:$/m, 'goverance:')
    .replace('fte: 1,', 'fte: most of the week,')
    .split('\n');
  const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
  const uri = pathToFileURL(join(ROOT, 'test/fixtures/editor-charter.yaml')).href;

  it('reports a typo\'d key, a wrong type and a bad choice at their lines', async () => {
    const published = client.next('textDocument/publishDiagnostics', (params) => params['uri'] === uri && (params['diagnostics'] as unknown[]).length > 0);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: lines.join('\n') } });
    const diagnostics = (await published)['diagnostics'] as Diagnostic[];
    const at = (line: number) => diagnostics.filter((diagnostic) => diagnostic.range.start.line === line).map((diagnostic) => diagnostic.message).join(' | ');
    expect(at(lineOf(/^goverance:/))).toMatch(/goverance.*not allowed|not allowed.*goverance/i);
    expect(at(lineOf(/fte: most of the week/))).toMatch(/incorrect type|expected.*number/i);
    expect(at(lineOf(/^status: agreed-in-principle/))).toMatch(/value is not accepted|allowed values|enum/i);
  });

  it('shows a field\'s description on hover', async () => {
    const charterSchema = JSON.parse(readFileSync(join(ROOT, 'schemas/charter.schema.json'), 'utf8'));
    const line = lineOf(/^need:/) + 1; // statement: under need
    expect(lines[line]).toMatch(/^ {2}statement:/);
    const text = await hoverText(client, uri, line, 4);
    const description = charterSchema.properties.need.properties.statement.description as string;
    expect(text.replace(/\s+/g, ' ')).toContain(description.replace(/\s+/g, ' ').slice(0, 60));
  });
});

// What a new user does: in a fresh repository, write the schema into it, write a charter with init,
// and open the charter in the editor. The link is the repository's own copy, so it resolves with no
// network and no partner-check installed beside it; the README's yaml.schemas setting does the same
// for a charter without the modeline.
describe.skipIf(!installed)('the editor on a charter init wrote in a fresh repository, after schema --write', () => {
  const repo = mkdtempSync(join(tmpdir(), 'partner-check-editor-'));
  const charterSchema = JSON.parse(readFileSync(join(ROOT, 'schemas/charter.schema.json'), 'utf8'));
  let server: ChildProcessWithoutNullStreams;
  let client: LspClient;
  let text = '';
  const uri = pathToFileURL(join(repo, 'charters/copd.yaml')).href;
  const lineOf = (pattern: RegExp) => text.split('\n').findIndex((line) => pattern.test(line));

  beforeAll(async () => {
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'charters'));
    writeFileSync(join(repo, 'answers.yaml'), readFileSync(join(ROOT, 'examples/copd-joint-working.yaml')));
    expect((await runCli(['schema', '--write', 'schemas/'], { cwd: repo })).code).toBe(0);
    expect((await runCli(['init', '--answers', 'answers.yaml', '-o', 'charters/copd.yaml'], { cwd: repo })).code).toBe(0);
    text = readFileSync(join(repo, 'charters/copd.yaml'), 'utf8');
    ({ server, client } = await startServer(repo));
  });

  afterAll(() => server?.kill());

  it('init wrote the modeline to the repository\'s copy, and the charter as written has no diagnostic', async () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/charter.schema.json');
    const published = client.next('textDocument/publishDiagnostics', (params) => params['uri'] === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    // A schema that did not load would be a diagnostic here ("Unable to load schema").
    expect(((await published)['diagnostics'] as Diagnostic[]).map((diagnostic) => diagnostic.message)).toEqual([]);
  });

  it('shows the description of title on hover', async () => {
    const hover = await hoverText(client, uri, lineOf(/^title:/), 2);
    console.log(`hover on title: ${JSON.stringify(hover)}`);
    expect(hover).toContain(charterSchema.properties.title.description);
    expect(hover).toContain(`(${pathToFileURL(join(repo, 'schemas/charter.schema.json')).href})`); // the repository's copy
  });

  it('reports a status that is not one of the schema\'s at its line', async () => {
    const changed = text.replace(/^status: approved$/m, 'status: signed-off');
    expect(changed).not.toBe(text);
    const published = client.next('textDocument/publishDiagnostics', (params) => params['uri'] === uri && (params['diagnostics'] as unknown[]).length > 0);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }] });
    const diagnostics = (await published)['diagnostics'] as Diagnostic[];
    console.log(`diagnostics: ${JSON.stringify(diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`))}`);
    expect(diagnostics.map((diagnostic) => diagnostic.range.start.line)).toEqual([lineOf(/^status:/)]);
    expect(diagnostics[0]!.message).toMatch(/value is not accepted/i);
    expect(diagnostics[0]!.message).toContain('proposed');
  });

  it('the README\'s yaml.schemas setting maps charters/**/*.yaml to the copy, for a charter without the modeline', async () => {
    client.sections['yaml'] = { ...(client.sections['yaml'] as object), schemas: { './schemas/charter.schema.json': 'charters/**/*.yaml' } };
    client.notify('workspace/didChangeConfiguration', { settings: client.sections });
    const bare = text.replace(/^# yaml-language-server: .*\n/, '').replace(/^status: approved$/m, 'status: signed-off');
    const bareUri = pathToFileURL(join(repo, 'charters/respiratory/bare.yaml')).href;
    const published = client.next('textDocument/publishDiagnostics', (params) => params['uri'] === bareUri && (params['diagnostics'] as unknown[]).length > 0);
    client.notify('textDocument/didOpen', { textDocument: { uri: bareUri, languageId: 'yaml', version: 1, text: bare } });
    const diagnostics = (await published)['diagnostics'] as Diagnostic[];
    expect(diagnostics.map((diagnostic) => diagnostic.message).join(' | ')).toMatch(/value is not accepted/i);
    const hover = await hoverText(client, bareUri, bare.split('\n').findIndex((line) => line.startsWith('title:')), 2);
    expect(hover).toContain(charterSchema.properties.title.description);
  });
});
