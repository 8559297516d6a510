// The tools of acme-notes-mcp: an in-memory notebook that can also send a note by e-mail.
import { sendMail } from './mailer.js';

const notes = new Map();

export const tools = [
  {
    name: 'search_notes',
    description: 'Searches the notebook for notes whose title or text contains the query.',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Words to look for.' },
        limit: { type: 'integer', minimum: 1, maximum: 50, description: 'Maximum number of notes to return.' },
      },
      required: ['query'],
    },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'add_note',
    description: 'Adds a note to the notebook and returns its id.',
    inputSchema: {
      type: 'object',
      properties: {
        title: { type: 'string', description: 'Short title of the note.' },
        text: { type: 'string', description: 'The note itself.' },
      },
      required: ['title', 'text'],
    },
  },
  {
    name: 'email_note',
    description: 'Sends one note by e-mail to a recipient the user names, through the ACME Notes mail relay.',
    inputSchema: {
      type: 'object',
      properties: {
        note_id: { type: 'string', description: 'Id of the note to send.' },
        to: { type: 'string', format: 'email', description: 'Address of the recipient.' },
      },
      required: ['note_id', 'to'],
    },
    annotations: { openWorldHint: true },
  },
];

const text = (s) => ({ content: [{ type: 'text', text: s }] });

export async function callTool(name, args) {
  switch (name) {
    case 'search_notes': {
      const words = String(args.query).toLowerCase();
      const found = [...notes.entries()].filter(([, n]) => `${n.title} ${n.text}`.toLowerCase().includes(words));
      return text(
        found
          .slice(0, args.limit ?? 10)
          .map(([id, n]) => `${id}: ${n.title}`)
          .join('\n') || 'no notes found',
      );
    }
    case 'add_note': {
      const id = `n${notes.size + 1}`;
      notes.set(id, { title: String(args.title), text: String(args.text) });
      return text(`added note ${id}`);
    }
    case 'email_note': {
      const note = notes.get(args.note_id);
      if (!note) return { ...text(`no note ${args.note_id}`), isError: true };
      try {
        await sendMail({ to: String(args.to), subject: note.title, body: note.text });
      } catch (err) {
        return { ...text(`could not send note ${args.note_id}: ${err.message}`), isError: true };
      }
      return text(`sent note ${args.note_id} to ${args.to}`);
    }
    default:
      return { ...text(`unknown tool ${name}`), isError: true };
  }
}
