// Package remote reaches repositories that are not on this machine: it
// splits a repository URL from its credentials, clones it into a
// temporary bare repository with go-git, scans the history there and
// removes it. Credentials never travel with the URL: the URL that is
// shown, reported and written into the clone's config has none.
package remote

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// Endpoint is a repository address with its credentials kept apart.
type Endpoint struct {
	// URL is the clone URL without credentials: what reports, logs and the
	// clone's config hold.
	URL string
	// Web is the repository's page on its host (https://github.com/o/r), or
	// "" when the host is not known to have one; findings link into it.
	Web string
	// Kind is the host's flavour for web links: "github", "gitlab" or "".
	Kind string

	auth    transport.AuthMethod
	secrets []string // every credential value, scrubbed from errors
}

// Credentials says where tokens come from; Env is os.Getenv in production.
type Credentials struct {
	// Token, when set, is used for every https host (a listing's API token).
	Token string
	Env   func(string) string
}

// scpLike matches git's "user@host:path" form of ssh addresses.
var scpLike = regexp.MustCompile(`^([A-Za-z0-9._~-]+@)?([A-Za-z0-9.-]+):([^/].*)$`)

// IsURL reports whether s names a remote repository (a URL with a scheme
// git knows, or an scp-like ssh address) rather than a local path.
func IsURL(s string) bool {
	for _, scheme := range []string{"https://", "http://", "ssh://", "git://", "file://"} {
		if strings.HasPrefix(strings.ToLower(s), scheme) {
			return true
		}
	}
	m := scpLike.FindStringSubmatch(s)
	return m != nil && m[1] != "" // "user@host:path"; "c:path" stays a path
}

// Parse splits raw into a credential-free Endpoint with the credentials
// the host needs: userinfo in the URL, else a token from creds. ssh
// addresses authenticate through the ssh agent (go-git's default).
func Parse(raw string, creds Credentials) (*Endpoint, error) {
	if m := scpLike.FindStringSubmatch(raw); m != nil && m[1] != "" && !strings.Contains(raw, "://") {
		ep := &Endpoint{URL: raw}
		ep.Web, ep.Kind = webBase(m[2], m[3])
		return ep, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse quotes the input, which may hold a password.
		return nil, urlErrorf("bad repository URL %q", Redact(raw))
	}
	ep := &Endpoint{}
	user, pass := "", ""
	if u.User != nil {
		user = u.User.Username()
		pass, _ = u.User.Password()
	}
	switch u.Scheme {
	case "https", "http":
		if user != "" && pass == "" {
			// https://TOKEN@host/...: a bare token as the user name.
			user, pass = tokenUser(u.Hostname()), user
		}
		if pass != "" {
			u.User = nil
		} else if tok := creds.token(u.Hostname()); tok != "" {
			user, pass = tokenUser(u.Hostname()), tok
			u.User = nil
		}
		if pass != "" {
			if u.Scheme == "http" && !isLoopback(u.Hostname()) {
				return nil, urlErrorf("refusing to send a token over plain http to %s: use https", u.Host)
			}
			ep.auth = &githttp.BasicAuth{Username: user, Password: pass}
			ep.secrets = append(ep.secrets, pass)
		}
		ep.Web, ep.Kind = webBase(u.Hostname(), u.Path)
	case "ssh", "git", "file":
		if pass != "" {
			u.User = url.User(user) // ssh passwords are not supported; drop it
			ep.secrets = append(ep.secrets, pass)
		}
		if u.Scheme == "ssh" {
			ep.Web, ep.Kind = webBase(u.Hostname(), u.Path)
		}
	default:
		return nil, urlErrorf("unsupported repository URL scheme %q in %s (want https, ssh or file)", u.Scheme, Redact(raw))
	}
	ep.URL = u.String()
	return ep, nil
}

// URLError says a repository URL cannot be used as given.
type URLError struct{ msg string }

func (e *URLError) Error() string { return e.msg }

func urlErrorf(format string, args ...any) error {
	return &URLError{fmt.Sprintf(format, args...)}
}

// token picks the token for host: AMPSCAN_GIT_TOKEN for any host, else the
// host's own variable.
func (c Credentials) token(host string) string {
	if c.Token != "" {
		return c.Token
	}
	if c.Env == nil {
		return ""
	}
	if t := c.Env("AMPSCAN_GIT_TOKEN"); t != "" {
		return t
	}
	switch hostKind(host) {
	case "github":
		return c.Env("GITHUB_TOKEN")
	case "gitlab":
		return c.Env("GITLAB_TOKEN")
	}
	return ""
}

// tokenUser is the user name each host expects beside a token over https.
func tokenUser(host string) string {
	if hostKind(host) == "gitlab" {
		return "oauth2"
	}
	return "x-access-token"
}

func hostKind(host string) string {
	host = strings.ToLower(host)
	switch {
	case host == "github.com" || strings.HasSuffix(host, ".github.com"):
		return "github"
	case host == "gitlab.com" || strings.HasPrefix(host, "gitlab."):
		return "gitlab"
	}
	return ""
}

// webBase is the repository's web page for the hosts whose layout is known.
func webBase(host, path string) (string, string) {
	kind := hostKind(host)
	path = strings.TrimSuffix(strings.Trim(path, "/"), ".git")
	if kind == "" || path == "" {
		return "", ""
	}
	return "https://" + strings.ToLower(host) + "/" + path, kind
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Redact removes any password or token from a URL-like string, for
// messages about a URL that could not be parsed or used.
func Redact(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
		if u.Scheme == "https" || u.Scheme == "http" {
			u.User = url.User("xxxxx") // a bare token as the user name
			return u.String()
		}
		return u.String()
	}
	// Unparseable: cut anything between "://" and "@".
	if i := strings.Index(raw, "://"); i >= 0 {
		if j := strings.LastIndex(raw, "@"); j > i {
			return raw[:i+3] + "xxxxx" + raw[j:]
		}
	}
	return raw
}

// Scrub rewrites an error so that no credential of the endpoint appears in
// it, keeping errors.Is working on the original.
func (e *Endpoint) Scrub(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range e.secrets {
		clean = strings.ReplaceAll(clean, s, "xxxxx")
	}
	if clean == msg {
		return err
	}
	return scrubbed{msg: clean, err: err}
}

type scrubbed struct {
	msg string
	err error
}

func (s scrubbed) Error() string { return s.msg }

// Is lets errors.Is see the original chain; Unwrap is not offered, so that
// printing an unwrapped cause cannot bring a credential back.
func (s scrubbed) Is(target error) bool { return errors.Is(s.err, target) }
