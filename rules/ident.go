package rules

import (
	"bytes"
	"regexp"
	"strings"
)

// Role is what an identifier, call or host says a value is for, before the
// value's own shape has its say (a client- prefix always wins, for example).
type Role = KeyType

// identWords splits an identifier such as NEXT_PUBLIC_AMPLITUDE_API_KEY,
// amplitudeApiKey or AmplitudeAPI.config.secret_key into lowercase words.
func identWords(id string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !isAlnum(c) {
			flush()
			continue
		}
		if c >= 'A' && c <= 'Z' && len(cur) > 0 {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(id) && id[i+1] >= 'a' && id[i+1] <= 'z'
			// amplitudeApi -> amplitude Api; APIKey -> API Key
			if prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9' || (prev >= 'A' && prev <= 'Z' && nextLower) {
				flush()
			}
		}
		cur = append(cur, c)
	}
	flush()
	return words
}

func hasWord(words []string, any ...string) bool {
	for _, w := range words {
		for _, a := range any {
			if w == a {
				return true
			}
		}
	}
	return false
}

// productWords name Amplitude in an identifier.
var productWords = []string{"amplitude", "ampli", "amp"}

// notAKeyTails end identifiers that describe a key without holding it:
// AMPLITUDE_SECRET_KEY_ID, AMPLITUDE_API_KEY_NAME, amplitudeKeyPath.
var notAKeyTails = []string{
	"id", "ids", "uuid", "guid", "hash", "md5", "sha", "sha1", "sha256", "digest", "checksum",
	"version", "url", "uri", "host", "endpoint", "name", "names", "path", "file", "region", "enabled",
	"type", "length", "len", "prefix", "suffix", "header", "env", "var", "ref", "arn", "label", "count",
	"expiry", "expires", "created", "at", "date", "field", "param", "hint", "description", "format",
}

// namesProduct reports whether an identifier names Amplitude itself, by
// name or by a pairing of words only Amplitude uses: Experiment's
// management and deployment keys.
func namesProduct(words []string) bool {
	return hasWord(words, productWords...) ||
		hasWord(words, "experiment") && hasWord(words, "management", "mgmt", "deployment")
}

// roleOfIdentifier classifies a value by the words of the name it is
// assigned to. It returns "" when the name does not say credential.
func roleOfIdentifier(id string) Role {
	words := identWords(id)
	if len(words) == 0 || hasWord(words[len(words)-1:], notAKeyTails...) {
		return ""
	}
	if vendorWord(words) {
		return ""
	}
	credential := hasWord(words, "key", "apikey", "secret", "token", "password", "pass", "credential", "credentials")
	if hasWord(words, "client") && hasWord(words, "secret") {
		return "" // an OAuth client secret, never one of Amplitude's keys
	}
	switch {
	case hasWord(words, "scim"):
		return SCIMKey
	case hasWord(words, "org", "organization", "organisation"):
		if hasWord(words, "secret", "private") {
			return OrgSecretKey
		}
		if credential {
			return OrgAPIKey
		}
	case hasWord(words, "management", "mgmt", "manage", "managementkey"):
		if credential {
			return ManagementAPIKey
		}
	case hasWord(words, "token", "apitoken") && (hasWord(words, "ampli", "data") || namesProduct(words)):
		return DataAPIToken
	case hasWord(words, "secret", "private", "secretkey"):
		return SecretKey
	case hasWord(words, "deployment", "deploy", "experiment", "deploymentkey"):
		if credential || hasWord(words, "deploymentkey") {
			return ClientDeploymentKey
		}
	case hasWord(words, "key", "apikey"):
		return APIKey
	case len(words) == 1 && (words[0] == "username" || words[0] == "user"):
		// HTTP Basic for Amplitude's REST APIs: the API key is the user name
		// and the secret key the password (context is checked by the rule).
		return APIKey
	case len(words) == 1 && words[0] == "password":
		return SecretKey
	}
	return ""
}

// otherVendors are products whose keys sit next to Amplitude's in the same
// .env or config file. An identifier naming one of them is never ours.
var otherVendors = []string{
	"mixpanel", "segment", "sentry", "datadog", "dd", "stripe", "posthog", "braze", "intercom",
	"hotjar", "optimizely", "launchdarkly", "statsig", "rudderstack", "rudder", "fullstory",
	"hubspot", "twilio", "sendgrid", "mailgun", "mailchimp", "algolia", "pusher", "newrelic",
	"bugsnag", "rollbar", "honeycomb", "openai", "anthropic", "slack", "github", "gitlab",
	"cloudinary", "contentful", "auth0", "firebase", "google", "gtm", "clevertap", "appsflyer",
	"onesignal", "kissmetrics", "pendo", "logrocket", "smartlook", "growthbook", "flagsmith",
	"unleash", "heap", "snowplow", "klaviyo", "customerio", "iterable", "airship", "countly",
	"matomo", "plausible", "umami", "vercel", "netlify", "supabase", "aws", "azure", "gcp",
	"recaptcha", "mapbox", "okta", "onelogin", "jumpcloud", "microsoft", "onmicrosoft",
	"docsearch", "algoliasearch",
}

// otherSecrets name credentials of other systems; unlike vendor names they
// say nothing about which product a nearby line belongs to, so they only
// disqualify an identifier.
var otherSecrets = []string{"postgres", "redis", "jwt", "session", "csrf", "cookie", "db", "database", "smtp", "ssh"}

func vendorWord(words []string) bool {
	return hasWord(words, otherVendors...) || hasWord(words, otherSecrets...)
}

// publicBundlePrefixes are env var prefixes that front-end build tools copy
// into the bundle every visitor downloads.
var publicBundlePrefixes = [][]string{
	{"next", "public"}, {"react", "app"}, {"vite", "public"}, {"vite"}, {"expo", "public"},
	{"nuxt", "public"}, {"ng", "app"}, {"gatsby"}, {"public"},
}

// publicPrefix returns the public-bundle prefix an identifier starts with,
// such as "NEXT_PUBLIC_", or "".
func publicPrefix(id string) string {
	words := identWords(id)
	for _, p := range publicBundlePrefixes {
		if len(words) > len(p) && hasPrefixWords(words, p) {
			return strings.ToUpper(strings.Join(p, "_")) + "_"
		}
	}
	return ""
}

func hasPrefixWords(words, prefix []string) bool {
	for i, p := range prefix {
		if words[i] != p {
			return false
		}
	}
	return true
}

// hostWindowLines is how far a generic token name looks for the host it
// is sent to (API client exports put the URL a dozen lines away).
const hostWindowLines = 20

// genericTokenName reports names that say "a token" without saying whose:
// token, access_token, bearerToken, Authorization.
func genericTokenName(id string) bool {
	words := identWords(id)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		switch w {
		case "token", "bearer", "access", "auth", "authorization", "api":
		default:
			return false
		}
	}
	return hasWord(words, "token", "bearer", "authorization")
}

// A generic key name (api_key, secret_key) can sit inside a table or block
// whose own name says more: [amplitude.org] api_key = …, org = { api_key =
// … }, or a YAML org: block. qualifyName prefixes such a name with its
// enclosing one when that makes it a stricter key type, and leaves it
// alone otherwise.
func qualifyName(data []byte, idStart int, id string) string {
	if id == "" {
		return columnName(data, idStart)
	}
	role := roleOfIdentifier(id)
	if role != APIKey && role != SecretKey {
		return id
	}
	parent := enclosingName(data, idStart)
	if parent == "" {
		return id
	}
	qualified := parent + "_" + id
	if q := roleOfIdentifier(qualified); q != "" && q != role && Stricter(role, q) == q {
		return qualified
	}
	return id
}

// enclosingName finds the name of the block a key at idStart sits in: an
// inline table or object opened earlier on the same line, else the nearest
// less-indented YAML key above, else the nearest [section] header above.
func enclosingName(data []byte, idStart int) string {
	// Look back a bounded span only, so that a key in a megabyte-long
	// minified line costs the same as one in a short line.
	from := max(0, idStart-inlineReach)
	lineStart := bytes.LastIndexByte(data[from:idStart], '\n') + 1 + from
	if m := inlineOpener.FindAllSubmatch(data[lineStart:idStart], -1); len(m) > 0 {
		return string(m[len(m)-1][1])
	}
	if len(bytes.TrimLeft(data[lineStart:idStart], " \t-\"'")) > 0 {
		return "" // not the first thing on its line
	}
	lineStart = bytes.LastIndexByte(data[:idStart], '\n') + 1 // only blanks between
	indent := idStart - lineStart
	for end, seen := lineStart-1, 0; end > 0 && seen < 40; seen++ {
		start := bytes.LastIndexByte(data[:end], '\n') + 1
		line := data[start:end]
		end = start - 1
		trimmed := bytes.TrimLeft(line, " \t")
		if len(bytes.TrimSpace(trimmed)) == 0 || trimmed[0] == '#' {
			continue
		}
		if m := sectionHeader.FindSubmatch(line); m != nil {
			return string(m[1])
		}
		if lead := len(line) - len(trimmed); lead < indent {
			if m := yamlParent.FindSubmatch(line); m != nil {
				return string(m[1])
			}
			return ""
		}
	}
	return ""
}

// inlineReach is how far back on its line a key looks for the inline table
// or object it sits in (org = { api_key = …, secret_key = … }).
const inlineReach = 512

var (
	inlineOpener  = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.\-]*)["']?\s*(?:=|:)\s*\{`)
	sectionHeader = regexp.MustCompile(`^\s*\[+\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\]+\s*$`)
	yamlParent    = regexp.MustCompile(`^\s*-?\s*["']?([A-Za-z_][A-Za-z0-9_.\-]*)["']?\s*:\s*\{?\s*$`)
)

// genericVocabulary is what a key's name may say without naming Amplitude
// and still be Amplitude's by context (apiKey, SECRET_KEY, orgApiKey,
// prodDeploymentKey). A name with any other word (gameAnalyticsGameKey,
// stripeSecretKey, captchaSiteKey) is some other product's.
var genericVocabulary = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`api apikey key keys secret secretkey token tokens password pass
		credential credentials auth authorization bearer access private public
		deployment deploy deploymentkey experiment experiments exp flag flags
		management manage mgmt managementkey scim org organization organisation data
		project analytics tracking ingest ingestion export event events
		client server browser web mobile ios android app backend frontend
		prod production dev development staging stage test qa local default eu us
		next react vite expo nuxt ng gatsby my the value username user
		config conf cfg configuration settings setting options option opts params
		self this props env environment vars values creds secrets keychain
		window global globalthis telemetry usage stats tracker sandbox live demo beta
		old new legacy current primary main get`) {
		genericVocabulary[w] = true
	}
}

// genericKeyName reports whether every word of a name is in the generic
// vocabulary, or the name is a single short word (a config field, k, v).
func genericKeyName(id string) bool {
	words := identWords(id)
	for _, w := range words {
		// One-letter words are receivers (c.api_key in a Ruby block).
		if !genericVocabulary[w] && !isNumber(w) && len(w) > 1 {
			return false
		}
	}
	return len(words) > 0
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

var nameInExpr = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// fallbackName handles a literal that is the fallback of a lookup:
// key = process.env.AMPLITUDE_SECRET_KEY || "…". The name looked up says
// more than the variable it lands in, so the stricter of the two wins.
func fallbackName(id string, via []byte) string {
	best, bestRole := id, roleOfIdentifier(id)
	for _, m := range nameInExpr.FindAll(via, -1) {
		name := string(m)
		role := roleOfIdentifier(name)
		if role == "" {
			continue
		}
		if bestRole == "" || Stricter(bestRole, role) == role && role != bestRole {
			best, bestRole = name, role
		}
	}
	return best
}

// A table cell whose column, not its row, says what it holds: a Markdown,
// Confluence or MediaWiki table headed "Environment | API key". A rule marks
// such a value with an empty id group; columnName returns the name the value
// stands under: its column's header, or the header with the row's label in
// front when the label names another vendor (| Mixpanel | … | under "Key"),
// so that the name says whose it is. "" when no header is found.
func columnName(data []byte, at int) string {
	ls := bytes.LastIndexByte(data[:at], '\n') + 1
	row := data[ls:at]
	header, style := tableHeader(data, ls)
	if header == nil {
		return ""
	}
	var col int
	var cells [][]byte
	switch style {
	case '!': // MediaWiki: | a || b, headed ! A !! B
		col = bytes.Count(row, []byte("||"))
		cells = bytes.Split(bytes.TrimPrefix(bytes.TrimSpace(header), []byte("!")), []byte("!!"))
	case 'c': // Confluence: |a|b|, headed ||A||B||
		col = bytes.Count(row, []byte("|")) - 1
		cells = bytes.Split(bytes.TrimPrefix(bytes.TrimSpace(header), []byte("||")), []byte("||"))
	default: // Markdown: | a | b |, headed | A | B | over |---|---|
		col = bytes.Count(row, []byte("|")) - 1
		cells = bytes.Split(bytes.TrimPrefix(bytes.TrimSpace(header), []byte("|")), []byte("|"))
	}
	if col < 0 || col >= len(cells) {
		return ""
	}
	name := string(bytes.Trim(cells[col], " \t*`"))
	if label := rowLabel(row); vendorWord(identWords(label)) {
		return label + " " + name
	}
	return name
}

// rowLabel is the first cell of a table row.
func rowLabel(row []byte) string {
	cells := bytes.FieldsFunc(row, func(r rune) bool { return r == '|' })
	if len(cells) == 0 {
		return ""
	}
	return string(bytes.TrimSpace(cells[0]))
}

// tableHeader walks up from the row starting at ls over the rows of its
// table to the header, and says which table syntax it is.
func tableHeader(data []byte, ls int) ([]byte, byte) {
	for end, n := ls-1, 0; end > 0 && n < 60; n++ {
		start := bytes.LastIndexByte(data[:end], '\n') + 1
		line := bytes.TrimSpace(data[start:end])
		end = start - 1
		switch {
		case bytes.HasPrefix(line, []byte("!")):
			return line, '!'
		case bytes.HasPrefix(line, []byte("||")):
			return line, 'c'
		case bytes.HasPrefix(line, []byte("{|")) || !bytes.HasPrefix(line, []byte("|")):
			return nil, 0
		case isTableRule(line):
			if end <= 0 {
				return nil, 0
			}
			hs := bytes.LastIndexByte(data[:end], '\n') + 1
			return data[hs:end], 'm'
		}
	}
	return nil, 0
}

// isTableRule: a Markdown header separator such as |---|:--:|.
func isTableRule(line []byte) bool {
	// (MediaWiki's row separator |- has one bar, a Markdown rule two or more.)
	return bytes.Count(line, []byte("|")) >= 2 && bytes.Contains(line, []byte("-")) &&
		len(bytes.Trim(line, "|-: \t")) == 0
}
