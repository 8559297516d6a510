import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../../src/core/manifest-diff/capability-classes.js';
import { codes, highCodes, obj, review, tool, type Tool } from './helpers.js';

const str = (description?: string) => (description ? { type: 'string', description } : { type: 'string' });

/** A small note-taking server: no file, command, network or messaging tool. */
const notes: Tool[] = [
  tool('list_notes', 'Lists the notes in the notebook.', obj({ folder: str() })),
  tool('add_note', 'Adds a note to the notebook.', obj({ title: str(), text: str() }, ['title', 'text'])),
];

function capabilityFindings(before: Tool[], after: Tool[]) {
  return review(before, after).filter((f) => f.code === 'manifest/capability-added');
}

function classes(t: Tool): string[] {
  return [...capabilitiesOf(t).keys()].sort();
}

describe('capability classes of a tool', () => {
  it('reads local files: a read verb with a file noun, or a description that says so, and a path parameter', () => {
    expect(
      classes(
        tool(
          'open_files',
          'Opens each listed file and gives back what it holds.',
          obj({ targets: { type: 'array', description: 'Paths of the files to open' } }),
        ),
      ),
    ).toEqual(['file-read']);
    expect(
      classes(
        tool('peek', 'Returns the text of any file on the machine.', obj({ location: str('Absolute file path') })),
      ),
    ).toEqual(['file-read']);
    expect(classes(tool('loadDocumentFile', 'Loads a document.', obj({ filePath: str() })))).toEqual(['file-read']);
  });

  it('does not take metadata, listings, graphs or remote repositories for local file reading', () => {
    expect(
      classes(tool('get_file_info', 'Returns size and modification time of a file.', obj({ path: str() }))),
    ).toEqual([]);
    expect(classes(tool('list_folder', 'Lists the files of a folder.', obj({ path: str() })))).toEqual([]);
    expect(classes(tool('load_graph', 'Loads the whole knowledge graph.', obj({})))).toEqual([]);
    expect(
      classes(
        tool(
          'get_file_contents',
          'Returns the contents of a file in a repository.',
          obj({ owner: str(), repo: str(), path: str() }),
        ),
      ),
    ).toEqual([]);
    expect(classes(tool('read_profile', 'Reads the profile of a user.', obj({ profile: str() })))).toEqual([]);
    expect(classes(tool('tree', 'Shows a tree view of files and folders.', obj({ path: str() })))).toEqual([]);
  });

  it('writes or deletes files', () => {
    expect(
      classes(tool('remove_files', 'Removes the given entries from disk.', obj({ paths: { type: 'array' } }))),
    ).toEqual(['file-write']);
    expect(classes(tool('export', 'Saves the chart as a file.', obj({ output_path: str() })))).toEqual(['file-write']);
  });

  it('runs commands or code, but reviewing code is not running it', () => {
    expect(classes(tool('shell', 'Executes a system command and returns its output.', obj({ cmd: str() })))).toEqual([
      'command-exec',
    ]);
    expect(classes(tool('run_python', 'Runs a snippet.', obj({ code: str() })))).toEqual(['command-exec']);
    expect(
      classes(tool('review_code', 'Runs code review on a snippet and lists style problems.', obj({ code: str() }))),
    ).toEqual([]);
    expect(
      classes(tool('long_running_job', 'Runs a long job with progress updates.', obj({ steps: { type: 'number' } }))),
    ).toEqual([]);
  });

  it('requests arbitrary URLs, but handling a URL is not fetching it', () => {
    expect(
      classes(
        tool('grab_page', 'Downloads the web page at the given address and returns its HTML.', obj({ link: str() })),
      ),
    ).toEqual(['network-request']);
    expect(classes(tool('http_get', 'Makes an HTTP request.', obj({ url: str() })))).toEqual(['network-request']);
    expect(classes(tool('shorten_link', 'Creates a short link for a URL.', obj({ url: str() })))).toEqual([]);
  });

  it('sends messages', () => {
    expect(classes(tool('notify_team', 'Sends a notification to a teammate.', obj({ recipient: str() })))).toEqual([
      'message-send',
    ]);
    expect(classes(tool('echo', 'Echoes the message back.', obj({ message: str() })))).toEqual([]);
    expect(classes(tool('get_post', 'Returns a post by its author.', obj({ user: str() })))).toEqual([]);
  });
});

describe('manifest/capability-added', () => {
  it('fires (high) when a new tool brings a class no tool of the server had, with the signals as evidence', () => {
    const found = capabilityFindings(notes, [
      ...notes,
      tool(
        'open_files',
        'Opens each listed file and gives back what it holds.',
        obj({ targets: { type: 'array', description: 'Paths of the files to open' } }, ['targets']),
      ),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('high');
    expect(found[0]!.evidence).toMatchObject({ capability: 'file-read' });
    expect((found[0]!.evidence as { signals: string[] }).signals.join(' ')).toMatch(/targets/);
  });

  it('fires when an existing tool changes into one with a new class', () => {
    const after = [
      tool(
        'list_notes',
        'Lists the notes in the notebook. Also reads the file at path and returns it.',
        obj({ folder: str(), path: str() }),
      ),
      notes[1]!,
    ];
    expect(highCodes(review(notes, after))).toContain('manifest/capability-added');
  });

  it('does not fire when the server already had the class', () => {
    const files = [
      tool('read_doc', 'Reads a document file.', obj({ path: str() }, ['path'])),
      tool('write_doc', 'Writes a document file.', obj({ path: str(), text: str() }, ['path', 'text'])),
    ];
    const after = [
      ...files,
      tool(
        'read_doc_lines',
        'Reads some lines of a document file.',
        obj({ path: str(), from: { type: 'number' } }, ['path']),
      ),
      tool('delete_doc', 'Deletes a document file.', obj({ path: str() }, ['path'])),
    ];
    expect(codes(review(files, after))).not.toContain('manifest/capability-added');
  });

  it('does not fire for new tools without one of the classes, nor for a server with no tools before', () => {
    expect(
      codes(review(notes, [...notes, tool('count_notes', 'Counts the notes in a folder.', obj({ folder: str() }))])),
    ).not.toContain('manifest/capability-added');
    expect(
      codes(review([], notes.concat(tool('shell', 'Executes a system command.', obj({ cmd: str() }))))),
    ).not.toContain('manifest/capability-added');
  });

  it('leaves a new sender with a destination and free content to poison/data-egress-channel', () => {
    const found = codes(
      review(notes, [
        ...notes,
        tool('send_sms', 'Sends a text message.', obj({ to: str(), body: str() }, ['to', 'body'])),
      ]),
    );
    expect(found).toContain('poison/data-egress-channel');
    expect(found).not.toContain('manifest/capability-added');
  });
});
