// Writes the hostile inputs into a folder: the large ones are generated here rather than
// committed. Each case says what a user must see: the exit code and a line naming the file.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostileCase {
  name: string;
  file: string;
  /** Allowed exit codes: never a crash. */
  exits: number[];
  /** What stderr (or stdout for findings) must say. */
  says?: RegExp;
  args?: string[];
}

const CHARTER = 'charter: 1\ntitle: Hostile input\nneed:\n  statement: Patients wait too long.\n  evidence: 18 weeks.\n';

export function writeHostileCases(dir: string): HostileCase[] {
  mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  const add = (name: string, content: string | Uint8Array, expectation: Omit<HostileCase, 'name' | 'file'>) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    cases.push({ name, file, ...expectation });
  };

  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [index, letter] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
    const previous = index === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f', 'g', 'h'][index - 1];
    laughs.push(`${letter}: &${letter} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  add('billion-laughs.yaml', `${laughs.join('\n')}\n`, { exits: [2], says: /too many YAML aliases: written out, they would add more than 10,000 values/ });

  // 50 MB: refused by the default limit, named in the message.
  add('huge.yaml', `${CHARTER}x-padding: "${'a'.repeat(50 * 1024 * 1024)}"\n`, { exits: [2], says: /is 50\.0 MB, over the 5\.0 MB limit \(raise it with --max-file-size\)/ });
  add('binary.yaml', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]), { exits: [2], says: /is a binary file, not YAML text/ });
  add('empty.yaml', '', { exits: [2], says: /:1:1: the file is empty/ });
  add('only-comments.yaml', '# TODO: write the charter\n# later\n', { exits: [2], says: /only-comments\.yaml:1:1: the file holds only comments/ });
  add('bom.yaml', `\uFEFF${CHARTER}`, { exits: [1], says: /Readiness/ });
  add('crlf.yaml', `${CHARTER}plan:\r\n  start: someday\r\n`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'), { exits: [1], says: /crlf\.yaml:7:10 +error +PC-STRUCT-001 +plan\.start should be a date/ });
  add('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CHARTER, 'utf16le')]), { exits: [1], says: /Readiness/ });
  add('duplicate-keys.yaml', 'charter: 1\ntitle: A\ntitle: B\n', { exits: [2], says: /duplicate-keys\.yaml:3:1: the key 'title' appears twice in the same mapping/ });
  add('proto.yaml', `${CHARTER}__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\nx-nested:\n  __proto__: { polluted: true }\n`, { exits: [1], says: /Unknown key '__proto__'/ });
  add('deep.yaml', `${CHARTER}x-deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, { exits: [1, 2], says: /nested too deeply|Readiness/ });
  add('deep-block.yaml', `${CHARTER}x-deep:\n  ${'- '.repeat(10_000)}1\n`, { exits: [1, 2] });
  add('tabs.yaml', 'charter: 1\ntitle: Tabs\nneed:\n\tstatement: indented with a tab\n', { exits: [2], says: /tabs\.yaml:4:1: YAML syntax error/ });
  add('list.yaml', '- charter: 1\n- title: A list\n', { exits: [2], says: /list\.yaml:1:1: a charter is a YAML mapping .* but this file holds a list/ });
  add('scalar.yaml', 'just some words\n', { exits: [2], says: /holds a single string value/ });
  add('multi-doc.yaml', `${CHARTER}---\n${CHARTER}`, { exits: [2], says: /multi-doc\.yaml:6:1: the file holds 2 YAML documents/ });
  add('wrong-types.yaml', 'charter: "one"\ntitle: [a, list]\nsummary: 42\nstatus: finished\nupdated: yesterday\nneed: a string\npartners: {name: x}\nstakeholders: 3\ngoals: true\noutcomes: "none"\nresources: []\ngovernance: 1\ninformation: no\nplan: 2024\nrisks: {}\nwaivers: waived\n', {
    exits: [1],
    says: /wrong-types\.yaml:1:10 +error +PC-STRUCT-001 +charter should be 1\./,
  });

  const loop = join(dir, 'loop');
  mkdirSync(loop, { recursive: true });
  writeFileSync(join(loop, 'charter.yaml'), CHARTER);
  symlinkSync('.', join(loop, 'self'));
  symlinkSync(join(loop, 'b'), join(loop, 'a'));
  symlinkSync(join(loop, 'a'), join(loop, 'b'));
  // The links to folders are not followed; the links named *.yaml that loop are named, as they would be if named on the command line.
  cases.push({ name: 'a directory with a symlink loop', file: loop, exits: [2], says: /Readiness[\s\S]*a\.yaml: is a symbolic link that loops/ });
  cases.push({ name: 'a symlink that loops, named directly', file: join(loop, 'a.yaml'), exits: [2], says: /a\.yaml: (is a symbolic link that loops|no such file)/ });
  symlinkSync(join(loop, 'b.yaml'), join(loop, 'a.yaml'));
  symlinkSync(join(loop, 'a.yaml'), join(loop, 'b.yaml'));
  cases.push({ name: 'a directory', file: dir, exits: [1, 2] });
  cases.push({ name: 'a missing file', file: join(dir, 'missing.yaml'), exits: [2], says: /missing\.yaml: no such file/ });
  return cases;
}
