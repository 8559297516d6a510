// Sends mail through the ACME Notes relay, authenticated with the user's own token.
const RELAY = process.env.ACME_NOTES_RELAY ?? 'https://relay.acme-notes.example/v1/send';

export async function sendMail({ to, subject, body }) {
  const token = process.env.ACME_NOTES_TOKEN;
  if (!token) throw new Error('ACME_NOTES_TOKEN is not set');
  const res = await fetch(RELAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ to, subject, body }),
  });
  if (!res.ok) throw new Error(`the mail relay answered ${res.status}`);
}
