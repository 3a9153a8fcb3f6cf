// A real OpenID Connect provider (the `oidc-provider` package, an ES module) for the ProConnect tests
// (test/mediator/proconnect.test.ts), started by the test as a child process on a loopback port. It signs in whoever
// the test names (POST /_test/user) without a form, and can run its clock behind (POST /_test/skew) so that it issues
// tokens that are already expired. Prints {"issuer": "..."} on its first line of output.
import http from 'node:http';
import Provider from 'oidc-provider';

const { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env;
const realNow = Date.now;
let skewMs = 0;
Date.now = () => realNow() + skewMs;
let user = { sub: 'nobody', email: 'nobody@example.gouv.fr', given_name: 'Personne', usual_name: 'Inconnue' };

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      userinfo_signed_response_alg: 'RS256',
    }],
    claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'] },
    features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ ...user, sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-only-cookie-key'] },
  });
  const handle = provider.callback();
  server.on('request', async (req, res) => {
    try {
      if (req.method === 'POST' && req.url.startsWith('/_test/')) {
        let body = '';
        for await (const chunk of req) body += chunk;
        const data = JSON.parse(body);
        if (req.url === '/_test/user') user = data;
        if (req.url === '/_test/skew') skewMs = data.seconds * 1000;
        res.writeHead(204).end();
        return;
      }
      if (req.url.startsWith('/interaction/')) {
        // The agent "signs in" and consents at once: login then consent, finished in one go.
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({ accountId: user.sub, clientId: details.params.client_id });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: user.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
        return;
      }
      handle(req, res);
    } catch (err) {
      process.stderr.write(`${err?.stack ?? err}\n`);
      res.writeHead(500).end();
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
