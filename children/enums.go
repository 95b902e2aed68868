package children

import (
	"encoding/json"
	"strconv"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// parseErr is the error of an enumeration word that is not in its table.
func parseErr(what, input string) error {
	return &poverty.ParseError{Op: "children", What: what, Input: poverty.MaskIDsIn(input), Err: poverty.ErrUnknownWord}
}

// Hukou is the child's household registration (户籍): rural or urban. The
// left-behind schemes cover children with rural hukou.
type Hukou uint8

// Hukou types. The zero value is unset ("unknown"); records must set one.
const (
	// Rural is 农村户籍.
	Rural Hukou = iota + 1
	// Urban is 城镇户籍.
	Urban
)

var hukouWords = enum.New[Hukou](parseErr, "unknown", "rural", "urban")

// String returns "rural", "urban" or "unknown".
func (h Hukou) String() string { return hukouWords.String(h, "Hukou") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (h Hukou) MarshalText() ([]byte, error) { return hukouWords.Marshal(h, "hukou") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value, any other word outside the list an error.
func (h *Hukou) UnmarshalText(b []byte) error {
	i, err := hukouWords.ParseOrUnset(b, "hukou")
	*h = i
	return err
}

// Situation is a parent's situation as the definitions read it: at home, a
// migrant worker (外出务工) at one of three distances, or one of the
// situations of the de facto unattended rules. Each parent has exactly one
// situation in a record, with the date it began ([Parent.Since]).
type Situation uint8

// Parent situations. The zero value is unset ("unknown"); records must set
// one for each parent.
const (
	// AtHome: the parent lives with the child or at the child's home.
	AtHome Situation = iota + 1
	// MigrantInCounty: a migrant worker living away from home but working
	// within the home county (县内).
	MigrantInCounty
	// MigrantInProvince: a migrant worker elsewhere in the home province (省内县外).
	MigrantInProvince
	// MigrantOutOfProvince: a migrant worker in another province (跨省).
	MigrantOutOfProvince
	// Deceased: dead, by natural death or declared dead by a court (死亡).
	Deceased
	// Missing: declared missing by a court (宣告失踪).
	Missing
	// LostContact: out of contact and not performing guardianship (失联),
	// from [Parent.Since] (or the last contact).
	LostContact
	// SeverelyDisabled: severe disability (重残); the grade thresholds are a
	// provincial rule the caller applies before recording it.
	SeverelyDisabled
	// SeriouslyIll: serious illness (重病), per the local rules.
	SeriouslyIll
	// Imprisoned: serving a sentence or detained (服刑在押).
	Imprisoned
	// DrugRehabilitation: in compulsory isolated drug rehabilitation (强制隔离戒毒).
	DrugRehabilitation
	// OtherRestriction: another measure restricting personal liberty
	// (被执行其他限制人身自由的措施).
	OtherRestriction
	// GuardianshipRevoked: guardianship revoked by a court (被撤销监护资格).
	GuardianshipRevoked
	// Deported: deported or expelled from the country (被遣送(驱逐)出境).
	Deported
	numSituations
)

var situationWords = enum.New[Situation](parseErr, "unknown", "at_home", "migrant_in_county", "migrant_in_province",
	"migrant_out_of_province", "deceased", "missing", "lost_contact", "severely_disabled",
	"seriously_ill", "imprisoned", "drug_rehabilitation", "other_restriction",
	"guardianship_revoked", "deported")

// String returns the stable word, such as "migrant_out_of_province".
func (s Situation) String() string { return situationWords.String(s, "Situation") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (s Situation) MarshalText() ([]byte, error) { return situationWords.Marshal(s, "situation") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value, any other word outside the list an error.
func (s *Situation) UnmarshalText(b []byte) error {
	i, err := situationWords.ParseOrUnset(b, "situation")
	*s = i
	return err
}

// Migrant reports whether s is one of the three migrant-worker situations.
func (s Situation) Migrant() bool {
	return s == MigrantInCounty || s == MigrantInProvince || s == MigrantOutOfProvince
}

// SituationSet is a set of situations, as a bit mask: make one with
// [SituationsOf], and join two with |. The zero value is the empty set. Its
// JSON form is an array of situation words.
type SituationSet uint32

// SituationsOf returns the set of the situations; the zero value and
// values out of range are left out.
func SituationsOf(list ...Situation) SituationSet {
	var m SituationSet
	for _, s := range list {
		if s > 0 && s < numSituations {
			m |= 1 << s
		}
	}
	return m
}

// Has reports whether s is in the set.
func (m SituationSet) Has(s Situation) bool { return s < numSituations && m&(1<<s) != 0 }

// Situations returns the situations in the set, in the order of the
// constants.
func (m SituationSet) Situations() []Situation {
	var out []Situation
	for s := AtHome; s < numSituations; s++ {
		if m.Has(s) {
			out = append(out, s)
		}
	}
	return out
}

// MarshalJSON encodes the set as an array of situation words, in the order
// of the constants.
func (m SituationSet) MarshalJSON() ([]byte, error) {
	list := m.Situations()
	if list == nil {
		list = []Situation{}
	}
	return json.Marshal(list)
}

// UnmarshalJSON decodes an array of situation words; an unknown or unset
// word is an error wrapping [poverty.ErrUnknownWord], anything but an
// array of strings one wrapping [poverty.ErrSyntax]. JSON null leaves the
// set unchanged, as encoding/json does for text.
func (m *SituationSet) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	// Words, not []Situation: encoding/json reads a string into a slice of
	// a byte-sized type as base64, which would take "AQI=" for a set.
	var words []string
	if err := json.Unmarshal(b, &words); err != nil || words == nil {
		return &poverty.ParseError{Op: "children", What: "situations", Input: poverty.MaskIDsIn(string(b)), Err: poverty.ErrSyntax}
	}
	list := make([]Situation, len(words))
	for i, w := range words {
		if err := list[i].UnmarshalText([]byte(w)); err != nil {
			return err
		}
		if list[i] == 0 {
			return parseErr("situation", w)
		}
	}
	*m = SituationsOf(list...)
	return nil
}

// Capacity is whether a person has guardianship capacity (监护能力): can
// look after and protect the child. It is not labor capacity
// ([poverty.Capacity]).
type Capacity uint8

// Guardianship capacities. The zero value is not recorded ("unknown").
const (
	// Capable: has guardianship capacity.
	Capable Capacity = iota + 1
	// Incapable: without guardianship capacity (无监护能力).
	Incapable
)

var capacityWords = enum.New[Capacity](parseErr, "unknown", "capable", "incapable")

// String returns "capable", "incapable" or "unknown".
func (c Capacity) String() string { return capacityWords.String(c, "Capacity") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (c Capacity) MarshalText() ([]byte, error) { return capacityWords.Marshal(c, "capacity") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (c *Capacity) UnmarshalText(b []byte) error {
	i, err := capacityWords.ParseOrUnset(b, "capacity")
	*c = i
	return err
}

// GuardianKind is who the child's actual guardian (the adult who cares for
// the child day to day) is.
type GuardianKind uint8

// Guardian kinds. The zero value is not recorded ("unknown").
const (
	// GuardianParent: a parent.
	GuardianParent GuardianKind = iota + 1
	// Grandparent: a grandparent on either side (祖辈).
	Grandparent
	// OtherRelative: another relative.
	OtherRelative
	// EntrustedAdult: another adult entrusted with guardianship (委托监护).
	EntrustedAdult
	// Institution: a welfare or protection institution.
	Institution
	// NoGuardian: nobody.
	NoGuardian
)

var guardianWords = enum.New[GuardianKind](parseErr, "unknown", "parent", "grandparent", "other_relative", "entrusted_adult", "institution", "none")

// String returns the stable word, such as "grandparent" or "none".
func (g GuardianKind) String() string { return guardianWords.String(g, "GuardianKind") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (g GuardianKind) MarshalText() ([]byte, error) { return guardianWords.Marshal(g, "guardian kind") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (g *GuardianKind) UnmarshalText(b []byte) error {
	i, err := guardianWords.ParseOrUnset(b, "guardian kind")
	*g = i
	return err
}

// Living is the child's living arrangement: with whom the child lives, or
// alone.
type Living uint8

// Living arrangements. The zero value is not recorded ("unknown").
const (
	// WithParents: with both parents.
	WithParents Living = iota + 1
	// WithOneParent: with one parent.
	WithOneParent
	// WithGrandparents: with grandparents.
	WithGrandparents
	// WithRelatives: with other relatives.
	WithRelatives
	// WithOtherAdult: with another adult, such as an entrusted guardian.
	WithOtherAdult
	// InInstitution: in an institution (welfare home, protection centre).
	InInstitution
	// Alone: alone, or only with other children (单独居住).
	Alone
)

var livingWords = enum.New[Living](parseErr, "unknown", "with_parents", "with_one_parent", "with_grandparents",
	"with_relatives", "with_other_adult", "in_institution", "alone")

// String returns the stable word, such as "with_grandparents" or "alone".
func (l Living) String() string { return livingWords.String(l, "Living") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (l Living) MarshalText() ([]byte, error) { return livingWords.Marshal(l, "living") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (l *Living) UnmarshalText(b []byte) error {
	i, err := livingWords.ParseOrUnset(b, "living")
	*l = i
	return err
}

// School is the child's school enrolment: not enrolled, or the full-time
// level attended. Part-time study is recorded as NotEnrolled.
type School uint8

// School enrolment. The zero value is not recorded ("unknown").
const (
	// NotEnrolled: in no school (including dropouts).
	NotEnrolled School = iota + 1
	// Preschool: kindergarten or pre-school class.
	Preschool
	// Primary: primary school.
	Primary
	// JuniorSecondary: junior secondary school (初中).
	JuniorSecondary
	// SeniorSecondary: senior secondary school (高中).
	SeniorSecondary
	// Vocational: secondary or higher vocational school (中职, 高职).
	Vocational
	// Higher: undergraduate or college (本科, 专科).
	Higher
	// Postgraduate: master's or doctoral study.
	Postgraduate
	numSchools
)

var schoolWords = enum.New[School](parseErr, "unknown", "not_enrolled", "preschool", "primary", "junior_secondary",
	"senior_secondary", "vocational", "higher", "postgraduate")

// String returns the stable word, such as "junior_secondary".
func (s School) String() string { return schoolWords.String(s, "School") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (s School) MarshalText() ([]byte, error) { return schoolWords.Marshal(s, "school") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (s *School) UnmarshalText(b []byte) error {
	i, err := schoolWords.ParseOrUnset(b, "school")
	*s = i
	return err
}

// enrolled reports whether the child attends some school full time.
func (s School) enrolled() bool { return s >= Preschool && s < numSchools }

// Role names one of the child's parents. The zero value is no parent
// ("none").
type Role uint8

// Roles.
const (
	// Father: the child's father.
	Father Role = iota + 1
	// Mother: the child's mother.
	Mother
)

var roleWords = enum.New[Role](parseErr, "none", "father", "mother")

// String returns "father", "mother" or "none".
func (r Role) String() string { return roleWords.String(r, "Role") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "none".
func (r Role) MarshalText() ([]byte, error) { return roleWords.Marshal(r, "role") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "none" are
// the zero value.
func (r *Role) UnmarshalText(b []byte) error {
	i, err := roleWords.ParseOrUnset(b, "role")
	*r = i
	return err
}

// Outcome is a scheme's answer for one child on one date. The zero value
// is not classified ("unset").
type Outcome uint8

// Outcomes.
const (
	// No: the child is not covered by the definition.
	No Outcome = iota + 1
	// Yes: the child is covered.
	Yes
	// Undetermined: the answer depends on a fact the data do not hold,
	// such as the exact day a document took effect; the reasons say which.
	Undetermined
)

var outcomeWords = enum.New[Outcome](parseErr, "unset", "no", "yes", "undetermined")

// String returns "no", "yes", "undetermined" or "unset".
func (o Outcome) String() string { return outcomeWords.String(o, "Outcome") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unset".
func (o Outcome) MarshalText() ([]byte, error) { return outcomeWords.Marshal(o, "outcome") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unset" are
// the zero value.
func (o *Outcome) UnmarshalText(b []byte) error {
	i, err := outcomeWords.ParseOrUnset(b, "outcome")
	*o = i
	return err
}

// Status is a child's category: in the national registry that village
// child directors keep, de facto unattended, left-behind, or neither; and
// the category a [Scheme] defines ([Scheme.Kind]: LeftBehind, Unattended,
// or ACWF for the older definition). ACWF is never a child's registry
// status ([Classification.Status]): it is reported apart (see
// [Classification].ACWF) so that its estimates are not mixed with the
// registry counts. The zero value is not classified ("unknown").
type Status uint8

// Statuses.
const (
	// NotCovered: neither left-behind nor de facto unattended.
	NotCovered Status = iota + 1
	// LeftBehind: a left-behind child (留守儿童), 国发〔2016〕13号 and
	// variants; for a child, under the primary left-behind scheme.
	LeftBehind
	// Unattended: a de facto unattended child (事实无人抚养儿童), 民发〔2019〕62号
	// as widened by 民发〔2020〕125号; for a child, under the primary scheme.
	Unattended
	// StatusUndetermined: a scheme could not decide (see its reasons).
	StatusUndetermined
	// ACWF: the older All-China Women's Federation definition (at least
	// one parent away, under 18), behind the 58 and 61 million estimates: a
	// kind of scheme only, never a registry status.
	ACWF
	numStatuses
)

var statusWords = enum.New[Status](parseErr, "unknown", "none", "left_behind", "de_facto_unattended", "undetermined", "acwf")

// String returns "none", "left_behind", "de_facto_unattended",
// "undetermined", "acwf" or "unknown".
func (s Status) String() string { return statusWords.String(s, "Status") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is
// "unknown" (a child classified by rules with no primary scheme), so that
// figures keyed by status always marshal.
func (s Status) MarshalText() ([]byte, error) { return statusWords.Marshal(s, "status") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (s *Status) UnmarshalText(b []byte) error {
	i, err := statusWords.ParseOrUnset(b, "status")
	*s = i
	return err
}

// isKind reports whether s is a kind of scheme: LeftBehind, Unattended or ACWF.
func (s Status) isKind() bool { return s == LeftBehind || s == Unattended || s == ACWF }

func itoa(i int) string { return strconv.Itoa(i) }
