package rules

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Role is what a name, a call or a host says a value is for, before the
// value's own shape has its say (a client- prefix always wins, for
// example). Roles are declared in the catalogue (keytypes.toml), and each
// key type says which role and shape make a value of that type.
type Role string

// The catalogue's data sections besides rules, as TOML sees them. Every
// file of a catalogue may hold any of them: lists are joined in file-name
// order, and a single value may be set by one file only (see merge).
type rawRole struct {
	ID                 string `toml:"id"`
	Description        string `toml:"description"`
	EnclosingMayRefine bool   `toml:"enclosing_may_refine"`
}

type rawKeyType struct {
	ID         string    `toml:"id"`
	Name       string    `toml:"name"`
	Product    string    `toml:"product"`
	Class      string    `toml:"class"`
	Rotatable  bool      `toml:"rotatable"`
	Severity   string    `toml:"severity"`
	Strictness *int      `toml:"strictness"`
	Role       Role      `toml:"role"`
	Takes      []rawTake `toml:"takes"`
	Action     string    `toml:"action"`
	Remedy     string    `toml:"remediation"`
	ManagedIn  string    `toml:"managed_in"`
	Docs       string    `toml:"docs"`
	SARIFScore string    `toml:"sarif_score"`
	Precision  string    `toml:"precision"`
}

type rawTake struct {
	Role   Role   `toml:"role"`
	Shape  string `toml:"shape"`
	Prefix string `toml:"prefix"`
}

type rawHost struct {
	Host string `toml:"host"`
	Role Role   `toml:"role"`
}

type rawIdentifiers struct {
	NotAKeyTails   []string `toml:"not_a_key_tails"`
	Generic        []string `toml:"generic"`
	PublicPrefixes []string `toml:"public_prefixes"`
	GenericToken   struct {
		Words     []string  `toml:"words"`
		Needs     wordConds `toml:"needs"`
		HostLines int       `toml:"host_lines"`
	} `toml:"generic_token"`
	Conditions map[string]wordConds `toml:"conditions"`
	Roles      []rawIdentRole       `toml:"role"`
}

type rawIdentRole struct {
	When  wordConds `toml:"when"`
	Alone bool      `toml:"alone"`
	Role  Role      `toml:"role"`
}

type rawVendors struct {
	Names      []string `toml:"names"`
	ShortNames []string `toml:"short_names"`
	Secrets    []string `toml:"secrets"`
	Calls      []string `toml:"calls"`
}

type rawMentions struct {
	Prefixes         []string `toml:"prefixes"`
	BeforeUnderscore []string `toml:"before_underscore"`
	SDKOptions       []string `toml:"sdk_options"`
}

type rawValues struct {
	Placeholders    []string `toml:"placeholders"`
	References      []string `toml:"references"`
	DigestWords     []string `toml:"digest_words"`
	CredentialWords []string `toml:"credential_words"`
}

type rawPaths struct {
	NameProduct      []string `toml:"name_product"`
	ClientExtensions []string `toml:"client_extensions"`
	ClientSuffixes   []string `toml:"client_suffixes"`
	ClientDirs       []string `toml:"client_dirs"`
}

// lexiconData is everything of a catalogue but its rules, as read.
type lexiconData struct {
	Roles       []rawRole       `toml:"role"`
	KeyTypes    []rawKeyType    `toml:"key_type"`
	Hosts       []rawHost       `toml:"host"`
	Identifiers *rawIdentifiers `toml:"identifiers"`
	Vendors     *rawVendors     `toml:"vendors"`
	Mentions    *rawMentions    `toml:"mentions"`
	Values      *rawValues      `toml:"values"`
	Paths       *rawPaths       `toml:"paths"`
}

// merge adds one file's sections to d. Lists are joined in file order (so
// that a file read earlier has its [[identifiers.role]] entries tried
// first), named conditions must not clash, and a single value may be set
// by one file only.
func (d *lexiconData) merge(f lexiconData) error {
	d.Roles = append(d.Roles, f.Roles...)
	d.KeyTypes = append(d.KeyTypes, f.KeyTypes...)
	d.Hosts = append(d.Hosts, f.Hosts...)
	var errs []error
	if f.Identifiers != nil {
		if d.Identifiers == nil {
			d.Identifiers = &rawIdentifiers{}
		}
		errs = append(errs, d.Identifiers.merge(f.Identifiers))
	}
	if f.Vendors != nil {
		if d.Vendors == nil {
			d.Vendors = &rawVendors{}
		}
		v, w := d.Vendors, f.Vendors
		v.Names, v.ShortNames = append(v.Names, w.Names...), append(v.ShortNames, w.ShortNames...)
		v.Secrets, v.Calls = append(v.Secrets, w.Secrets...), append(v.Calls, w.Calls...)
	}
	if f.Mentions != nil {
		if d.Mentions == nil {
			d.Mentions = &rawMentions{}
		}
		m, w := d.Mentions, f.Mentions
		m.Prefixes, m.BeforeUnderscore = append(m.Prefixes, w.Prefixes...), append(m.BeforeUnderscore, w.BeforeUnderscore...)
		m.SDKOptions = append(m.SDKOptions, w.SDKOptions...)
	}
	if f.Values != nil {
		if d.Values == nil {
			d.Values = &rawValues{}
		}
		v, w := d.Values, f.Values
		v.Placeholders, v.References = append(v.Placeholders, w.Placeholders...), append(v.References, w.References...)
		v.DigestWords = append(v.DigestWords, w.DigestWords...)
		v.CredentialWords = append(v.CredentialWords, w.CredentialWords...)
	}
	if f.Paths != nil {
		if d.Paths == nil {
			d.Paths = &rawPaths{}
		}
		p, w := d.Paths, f.Paths
		p.NameProduct, p.ClientExtensions = append(p.NameProduct, w.NameProduct...), append(p.ClientExtensions, w.ClientExtensions...)
		p.ClientSuffixes, p.ClientDirs = append(p.ClientSuffixes, w.ClientSuffixes...), append(p.ClientDirs, w.ClientDirs...)
	}
	return errors.Join(errs...)
}

func (id *rawIdentifiers) merge(f *rawIdentifiers) error {
	var errs []error
	id.NotAKeyTails = append(id.NotAKeyTails, f.NotAKeyTails...)
	id.Generic = append(id.Generic, f.Generic...)
	id.PublicPrefixes = append(id.PublicPrefixes, f.PublicPrefixes...)
	id.Roles = append(id.Roles, f.Roles...)
	t, u := &id.GenericToken, f.GenericToken
	t.Words = append(t.Words, u.Words...)
	if len(u.Needs) > 0 {
		if len(t.Needs) > 0 {
			errs = append(errs, errors.New("[identifiers] generic_token.needs is set twice in the catalogue"))
		}
		t.Needs = u.Needs
	}
	if u.HostLines != 0 {
		if t.HostLines != 0 {
			errs = append(errs, errors.New("[identifiers] generic_token.host_lines is set twice in the catalogue"))
		}
		t.HostLines = u.HostLines
	}
	for name, c := range f.Conditions {
		if _, dup := id.Conditions[name]; dup {
			errs = append(errs, fmt.Errorf("[identifiers.conditions] %s is declared twice in the catalogue", name))
		}
		if id.Conditions == nil {
			id.Conditions = map[string]wordConds{}
		}
		id.Conditions[name] = c
	}
	return errors.Join(errs...)
}

// lexicon is a catalogue's compiled knowledge of key types, roles, hosts
// and words. The matcher interprets it; it holds no such tables itself.
type lexicon struct {
	kept keptScans // what scans hand on to the next (see carried)

	types     []Policy // in catalogue order
	byType    map[KeyType]int
	typeRole  map[KeyType]Role
	roleRank  map[Role]int // position in the catalogue: later is stricter
	refinable map[Role]bool
	// refinesUnnamed is refinable[""], asked for every match's name (a
	// map lookup each time was 1% of the keys matcher).
	refinesUnnamed bool
	takes          []take
	hosts          []hostRole

	notAKeyTails, generic map[string]bool
	publicPrefixes        [][]string
	// exposures are the Exposure texts a match may have, by number:
	// noExposure, clientExposure, then one for each public prefix, so
	// that a scan's list of matches holds a number, not a string.
	exposures                 []string
	tokenWords                map[string]bool
	tokenNeeds                cond
	hostLines                 int
	product                   cond
	identRoles                []identRole
	vendorWords, contextNames map[string]bool
	// longContextNames are the contextNames of five bytes or more: a
	// callee's word that starts with one names that vendor (calleeVendor).
	longContextNames [][]byte
	vendorCalls      []string
	mentionPrefixes  [][]byte
	beforeUnderscore map[string]bool
	sdkOptions       map[string]bool
	// mentionShapes says which words may be in beforeUnderscore,
	// sdkOptions or contextNames (see wordShapesOf), so that most words of
	// the text around a value are passed over without a map lookup.
	mentionShapes            wordShapes
	placeholders, references substringSet
	hexPlaceholders          substringSet // the placeholders a Hex32 value can hold: those of hex digits only
	digestWords              [][]byte
	credentialWords          [][]byte
	// What a file's path says: that it names the product, that it runs on
	// users' devices.
	productPaths, clientSuffixes, clientDirs []string
	clientExts                               map[string]bool
}

type take struct {
	role   Role // "" for any role
	shape  Shape
	prefix string
	kt     KeyType
}

type hostRole struct {
	host []byte
	role Role
}

type identRole struct {
	when  cond
	alone bool
	role  Role
}

// shapeNames are the value shapes the data may name (see shape.go).
var shapeNames = map[string]Shape{"hex32": Hex32, "deployment": Deployment, "opaque": Opaque}

// compileLexicon checks the data (collecting every problem) and builds the
// lexicon.
func compileLexicon(d lexiconData) (*lexicon, error) {
	b := &lexBuilder{lx: &lexicon{byType: map[KeyType]int{}, typeRole: map[KeyType]Role{},
		roleRank: map[Role]int{}, refinable: map[Role]bool{}}}
	b.roles(d.Roles)
	b.lx.refinesUnnamed = b.lx.refinable[""]
	b.keyTypes(d.KeyTypes)
	for _, h := range d.Hosts {
		if h.Host == "" {
			b.bad("host: missing host")
		}
		b.knownRole("host "+h.Host, h.Role, false)
		b.lx.hosts = append(b.lx.hosts, hostRole{[]byte(strings.ToLower(h.Host)), h.Role})
	}
	if err := b.lx.compileWords(d, b.knownRole); err != nil {
		b.errs = append(b.errs, err)
	}
	return b.lx, errors.Join(b.errs...)
}

// lexBuilder builds a lexicon and collects what is wrong with its data.
type lexBuilder struct {
	lx   *lexicon
	errs []error
}

func (b *lexBuilder) bad(format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf(format, args...))
}

// knownRole checks that a role is declared ("*" too, when wildcard).
func (b *lexBuilder) knownRole(where string, r Role, wildcard bool) {
	if _, ok := b.lx.roleRank[r]; !ok && !(wildcard && r == "*") {
		b.bad("%s: unknown role %q (declare it as a [[role]])", where, r)
	}
}

func (b *lexBuilder) roles(rs []rawRole) {
	for i, r := range rs {
		if r.ID == "" {
			b.bad("role %d: missing id", i+1)
			continue
		}
		if _, dup := b.lx.roleRank[Role(r.ID)]; dup {
			b.bad("role %s: declared twice", r.ID)
		}
		b.lx.roleRank[Role(r.ID)] = i
		b.lx.refinable[Role(r.ID)] = r.EnclosingMayRefine
	}
}

// maxListed bounds the key types and the public prefixes a catalogue may
// declare, so that a match can name its key type and exposure by number
// (see hit); no product has a thousandth of it.
const maxListed = 1 << 12

func (b *lexBuilder) keyTypes(ks []rawKeyType) {
	if len(ks) > maxListed {
		b.bad("[[key_type]]: %d declared, more than the %d a catalogue may have", len(ks), maxListed)
	}
	strict := map[int]KeyType{}
	seenTake := map[take]KeyType{}
	for _, k := range ks {
		where := "key_type " + k.ID
		p, perrs := k.policy()
		for _, e := range perrs {
			b.bad("%s: %v", where, e)
		}
		if _, dup := b.lx.byType[p.KeyType]; dup {
			b.bad("%s: declared twice", where)
		}
		if other, dup := strict[p.Strictness]; dup && k.Strictness != nil {
			b.bad("%s: field strictness: %d is also %s's; each key type needs its own", where, p.Strictness, other)
		}
		strict[p.Strictness] = p.KeyType
		b.knownRole(where+": field role", k.Role, false)
		b.lx.byType[p.KeyType] = len(b.lx.types)
		b.lx.types = append(b.lx.types, p)
		b.lx.typeRole[p.KeyType] = k.Role
		for _, t := range k.Takes {
			b.knownRole(where+": field takes", t.Role, true)
			sh, ok := shapeNames[t.Shape]
			if !ok {
				b.bad("%s: field takes: unknown shape %q (hex32, deployment or opaque)", where, t.Shape)
			}
			tk := take{role: t.Role, shape: sh, prefix: t.Prefix}
			if tk.role == "*" {
				tk.role = ""
			}
			if other, dup := seenTake[tk]; dup {
				b.bad("%s: field takes: role %q, shape %s and prefix %q are also %s's", where, t.Role, t.Shape, t.Prefix, other)
			}
			seenTake[tk] = p.KeyType
			tk.kt = p.KeyType
			b.lx.takes = append(b.lx.takes, tk)
		}
	}
}

// policy checks one key type's fields and returns its policy.
// precisions are the values SARIF consumers such as GitHub code scanning
// accept for a rule's precision.
var precisions = []string{"very-high", "high", "medium", "low"}

func (k rawKeyType) policy() (Policy, []error) {
	var errs []error
	p := Policy{
		KeyType: KeyType(k.ID), Name: k.Name, Product: k.Product, Visibility: Visibility(k.Class),
		Rotatable: k.Rotatable, Action: k.Action, Remediation: k.Remedy, ManagedIn: k.ManagedIn, DocsURL: k.Docs,
		SARIFScore: k.SARIFScore, Precision: k.Precision,
	}
	for _, f := range []struct{ name, v string }{{"id", k.ID}, {"name", k.Name}, {"product", k.Product},
		{"action", k.Action}, {"remediation", k.Remedy}, {"managed_in", k.ManagedIn}} {
		if f.v == "" {
			errs = append(errs, fmt.Errorf("field %s: missing", f.name))
		}
	}
	if p.Visibility != Public && p.Visibility != Private {
		errs = append(errs, fmt.Errorf("field class: must be public or private, not %q", k.Class))
	}
	sev, ok := ParseSeverity(k.Severity)
	if !ok {
		errs = append(errs, fmt.Errorf("field severity: must be one of %s, not %q", strings.Join(severityNames[:], ", "), k.Severity))
	}
	p.Severity = sev
	if k.Strictness == nil {
		errs = append(errs, errors.New("field strictness: missing"))
	} else {
		p.Strictness = *k.Strictness
	}
	if len(k.Takes) == 0 {
		errs = append(errs, errors.New("field takes: missing; say which role and shape make a value of this type"))
	}
	if f, err := strconv.ParseFloat(k.SARIFScore, 64); err != nil || f < 0 || f > 10 {
		errs = append(errs, fmt.Errorf("field sarif_score: must be a number from 0.0 to 10.0 written as a string (GitHub's security-severity), not %q", k.SARIFScore))
	}
	if !slices.Contains(precisions, k.Precision) {
		errs = append(errs, fmt.Errorf("field precision: must be one of %s, not %q", strings.Join(precisions, ", "), k.Precision))
	}
	return p, errs
}

// compileWords builds the word tables and conditions.
func (lx *lexicon) compileWords(d lexiconData, knownRole func(string, Role, bool)) error {
	id, v, m, vals, paths := d.Identifiers, d.Vendors, d.Mentions, d.Values, d.Paths
	var errs []error
	for _, s := range []struct {
		name    string
		present bool
	}{{"identifiers", id != nil}, {"vendors", v != nil}, {"mentions", m != nil}, {"values", vals != nil}, {"paths", paths != nil}} {
		if !s.present {
			errs = append(errs, fmt.Errorf("[%s] is missing from the catalogue", s.name))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	lx.notAKeyTails, lx.generic = wordSet(id.NotAKeyTails), wordSet(id.Generic)
	lx.exposures = []string{noExposure: "", clientExposure: "client-side code"}
	if len(id.PublicPrefixes) > maxListed {
		errs = append(errs, fmt.Errorf("[identifiers] public_prefixes: %d, more than the %d a catalogue may have", len(id.PublicPrefixes), maxListed))
		id.PublicPrefixes = id.PublicPrefixes[:maxListed]
	}
	for _, p := range id.PublicPrefixes {
		words := strings.Fields(strings.ToLower(p))
		lx.publicPrefixes = append(lx.publicPrefixes, words)
		lx.exposures = append(lx.exposures, "public-bundle prefix "+strings.ToUpper(strings.Join(words, "_"))+"_")
	}
	lx.tokenWords, lx.hostLines = wordSet(id.GenericToken.Words), id.GenericToken.HostLines
	if lx.hostLines <= 0 {
		errs = append(errs, errors.New("[identifiers] generic_token.host_lines: missing; how many lines either way a generic token looks for its host"))
	}
	named := map[string]cond{}
	var parseErr error
	parse := func(where string, w wordConds) cond {
		c, err := parseCond(w, id.Conditions, named, nil)
		if err != nil {
			parseErr = errors.Join(parseErr, fmt.Errorf("%s: %w", where, err))
		}
		return c
	}
	lx.tokenNeeds = parse("[identifiers] generic_token.needs", id.GenericToken.Needs)
	if _, ok := id.Conditions["product"]; !ok {
		errs = append(errs, errors.New("[identifiers.conditions] product is missing: it says which names name the product itself"))
	}
	lx.product = parse("[identifiers.conditions] product", id.Conditions["product"])
	for i, r := range id.Roles {
		where := fmt.Sprintf("[[identifiers.role]] %d", i+1)
		if r.Role != "" {
			knownRole(where, r.Role, false)
		}
		if len(r.When) == 0 {
			errs = append(errs, fmt.Errorf("%s: field when: missing", where))
		}
		lx.identRoles = append(lx.identRoles, identRole{when: parse(where+": field when", r.When), alone: r.Alone, role: r.Role})
	}
	lx.contextNames = wordSet(v.Names)
	for w := range lx.contextNames {
		if len(w) >= 5 {
			lx.longContextNames = append(lx.longContextNames, []byte(w))
		}
	}
	slices.SortFunc(lx.longContextNames, bytes.Compare) // the same order every run
	lx.vendorWords = wordSet(append(append(append([]string{}, v.Names...), v.ShortNames...), v.Secrets...))
	lx.vendorCalls = lowerAll(v.Calls)
	for _, p := range m.Prefixes {
		lx.mentionPrefixes = append(lx.mentionPrefixes, []byte(strings.ToLower(p)))
	}
	lx.beforeUnderscore, lx.sdkOptions = wordSet(m.BeforeUnderscore), wordSet(m.SDKOptions)
	lx.mentionShapes = wordShapesOf(lx.beforeUnderscore, lx.sdkOptions, lx.contextNames)
	placeholders := lowerAll(vals.Placeholders)
	lx.placeholders, lx.references = newSubstringSet(placeholders), newSubstringSet(lowerAll(vals.References))
	var hexWords []string
	for _, w := range placeholders {
		if strings.Trim(w, "0123456789abcdef") == "" {
			hexWords = append(hexWords, w)
		}
	}
	lx.hexPlaceholders = newSubstringSet(hexWords)
	for _, w := range vals.DigestWords {
		lx.digestWords = append(lx.digestWords, []byte(strings.ToLower(w)))
	}
	if len(vals.CredentialWords) == 0 {
		errs = append(errs, errors.New("[values] field credential_words: missing; without them no token of unpublished format is ever a candidate"))
	}
	for _, w := range vals.CredentialWords {
		lx.credentialWords = append(lx.credentialWords, []byte(strings.ToLower(w)))
	}
	lx.productPaths, lx.clientSuffixes, lx.clientDirs = lowerAll(paths.NameProduct), lowerAll(paths.ClientSuffixes), lowerAll(paths.ClientDirs)
	lx.clientExts = wordSet(paths.ClientExtensions)
	return errors.Join(append(errs, parseErr)...)
}

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

func lowerAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// keyTypeFor says which key type a value of this shape in this role is, or
// "" when none takes it. A take that names the role wins over one that
// takes any role.
func (lx *lexicon) keyTypeFor(role Role, shape Shape, value string) KeyType {
	if role == "" {
		return ""
	}
	var anyRole KeyType
	for _, t := range lx.takes {
		if t.shape != shape || !strings.HasPrefix(value, t.prefix) {
			continue
		}
		switch t.role {
		case role:
			return t.kt
		case "":
			if anyRole == "" {
				anyRole = t.kt
			}
		}
	}
	return anyRole
}

// stricterRole returns whichever of two roles the catalogue lists later.
func (lx *lexicon) stricterRole(a, b Role) Role {
	if lx.roleRank[b] > lx.roleRank[a] {
		return b
	}
	return a
}

// policyFor returns a key type's policy and whether it is known.
func (lx *lexicon) policyFor(k KeyType) (Policy, bool) {
	i, ok := lx.byType[k]
	if !ok {
		return Policy{}, false
	}
	return lx.types[i], true
}

// strictness is a key type's Strictness by its number in lx.types (see
// hit); 0 for a number past them, as policyFor gives for a type not
// declared.
func (lx *lexicon) strictness(kind int) int {
	if kind < len(lx.types) {
		return lx.types[kind].Strictness
	}
	return 0
}

// stricter returns whichever of a and b the policy treats more strictly.
func (lx *lexicon) stricter(a, b KeyType) KeyType {
	pa, _ := lx.policyFor(a)
	pb, _ := lx.policyFor(b)
	if pb.Strictness > pa.Strictness {
		return b
	}
	return a
}

func (lx *lexicon) policies() []Policy { return slices.Clone(lx.types) }

// keyTypeList names the key types, for errors.
func (lx *lexicon) keyTypeList() string {
	ids := make([]string, len(lx.types))
	for i, p := range lx.types {
		ids[i] = string(p.KeyType)
	}
	return strings.Join(ids, ", ")
}

// pathNamesProduct reports whether a file's path names Amplitude.
func (lx *lexicon) pathNamesProduct(p string) bool {
	p = strings.ToLower(p)
	for _, w := range lx.productPaths {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// isClientPath reports whether a file runs on users' devices.
func (lx *lexicon) isClientPath(p string) bool {
	if p == "" {
		return false
	}
	p = strings.ToLower(p)
	if lx.clientExts[path.Ext(p)] {
		return true
	}
	for _, s := range lx.clientSuffixes {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	for _, d := range lx.clientDirs {
		if strings.HasPrefix(p, d) || strings.Contains(p, "/"+d) {
			return true
		}
	}
	return false
}
