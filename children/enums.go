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

// Hukou types. HukouUnknown is the zero value; records must set one.
const (
	HukouUnknown Hukou = iota
	// Rural is 农村户籍.
	Rural
	// Urban is 城镇户籍.
	Urban
)

var hukouWords = enum.New[Hukou](parseErr, "unknown", "rural", "urban")

// String returns "rural", "urban" or "unknown".
func (h Hukou) String() string { return hukouWords.String(h, "Hukou") }

// MarshalText implements [encoding.TextMarshaler]; HukouUnknown is an error.
func (h Hukou) MarshalText() ([]byte, error) { return hukouWords.Marshal(h, "hukou") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" is HukouUnknown.
func (h *Hukou) UnmarshalText(b []byte) error {
	i, err := hukouWords.ParseOrUnset(b, "hukou")
	*h = Hukou(i)
	return err
}

// Situation is a parent's situation as the definitions read it: at home, a
// migrant worker (外出务工) at one of three distances, or one of the
// situations of the de facto unattended rules. Each parent has exactly one
// situation in a record, with the date it began ([Parent.Since]).
type Situation uint8

// Parent situations. SituationUnknown is the zero value; records must set
// one for each parent.
const (
	SituationUnknown Situation = iota
	// AtHome: the parent lives with the child or at the child's home.
	AtHome
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

// MarshalText implements [encoding.TextMarshaler]; SituationUnknown is an error.
func (s Situation) MarshalText() ([]byte, error) {
	return situationWords.Marshal(s, "situation")
}

// UnmarshalText implements [encoding.TextUnmarshaler]; "" is SituationUnknown.
func (s *Situation) UnmarshalText(b []byte) error {
	i, err := situationWords.ParseOrUnset(b, "situation")
	*s = Situation(i)
	return err
}

// Migrant reports whether s is one of the three migrant-worker situations.
func (s Situation) Migrant() bool {
	return s == MigrantInCounty || s == MigrantInProvince || s == MigrantOutOfProvince
}

// SituationSet is a set of situations, as a bit mask. The zero value is
// the empty set.
type SituationSet uint32

// Has reports whether s is in the set.
func (m SituationSet) Has(s Situation) bool { return s < numSituations && m&(1<<s) != 0 }

// With returns the set with s added.
func (m SituationSet) With(s Situation) SituationSet { return m | 1<<s }

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

// UnmarshalJSON decodes an array of situation words; an unknown or empty
// word is an error wrapping [poverty.ErrUnknownWord].
func (m *SituationSet) UnmarshalJSON(b []byte) error {
	var list []Situation
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	var set SituationSet
	for _, s := range list {
		if s == SituationUnknown || s >= numSituations {
			return &poverty.ParseError{What: "situation", Input: s.String(), Err: poverty.ErrUnknownWord}
		}
		set = set.With(s)
	}
	*m = set
	return nil
}

// Capacity is whether a person has guardianship capacity (监护能力): can
// look after and protect the child. It is not labour capacity
// ([poverty.Capacity]).
type Capacity uint8

// Guardianship capacities. CapacityUnknown is the zero value: not recorded.
const (
	CapacityUnknown Capacity = iota
	// Capable: has guardianship capacity.
	Capable
	// Incapable: without guardianship capacity (无监护能力).
	Incapable
)

var capacityWords = enum.New[Capacity](parseErr, "unknown", "capable", "incapable")

// String returns "capable", "incapable" or "unknown".
func (c Capacity) String() string { return capacityWords.String(c, "Capacity") }

// MarshalText implements [encoding.TextMarshaler]; CapacityUnknown is "unknown".
func (c Capacity) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are CapacityUnknown.
func (c *Capacity) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*c = CapacityUnknown
		return nil
	}
	i, err := capacityWords.ParseOrUnset(b, "capacity")
	*c = Capacity(i)
	return err
}

// GuardianKind is who the child's actual guardian (the adult who cares for
// the child day to day) is.
type GuardianKind uint8

// Guardian kinds. GuardianUnknown is the zero value: not recorded.
const (
	GuardianUnknown GuardianKind = iota
	// GuardianParent: a parent.
	GuardianParent
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

// MarshalText implements [encoding.TextMarshaler]; GuardianUnknown is "unknown".
func (g GuardianKind) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are GuardianUnknown.
func (g *GuardianKind) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*g = GuardianUnknown
		return nil
	}
	i, err := guardianWords.ParseOrUnset(b, "guardian kind")
	*g = GuardianKind(i)
	return err
}

// Living is the child's living arrangement: with whom the child lives, or
// alone.
type Living uint8

// Living arrangements. LivingUnknown is the zero value: not recorded.
const (
	LivingUnknown Living = iota
	// WithParents: with both parents.
	WithParents
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

// MarshalText implements [encoding.TextMarshaler]; LivingUnknown is "unknown".
func (l Living) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are LivingUnknown.
func (l *Living) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*l = LivingUnknown
		return nil
	}
	i, err := livingWords.ParseOrUnset(b, "living")
	*l = Living(i)
	return err
}

// School is the child's school enrolment: not enrolled, or the full-time
// level attended. Part-time study is recorded as NotEnrolled.
type School uint8

// School enrolment. SchoolUnknown is the zero value: not recorded.
const (
	SchoolUnknown School = iota
	// NotEnrolled: in no school (including dropouts).
	NotEnrolled
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

// MarshalText implements [encoding.TextMarshaler]; SchoolUnknown is "unknown".
func (s School) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are SchoolUnknown.
func (s *School) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*s = SchoolUnknown
		return nil
	}
	i, err := schoolWords.ParseOrUnset(b, "school")
	*s = School(i)
	return err
}

// Enrolled reports whether the child attends some school full time.
func (s School) Enrolled() bool { return s >= Preschool && s < numSchools }

// Role names one of the child's parents.
type Role uint8

// Roles. RoleNone is the zero value: no parent.
const (
	// RoleNone: no parent.
	RoleNone Role = iota
	// Father: the child's father.
	Father
	// Mother: the child's mother.
	Mother
)

var roleWords = enum.New[Role](parseErr, "none", "father", "mother")

// String returns "father", "mother" or "none".
func (r Role) String() string { return roleWords.String(r, "Role") }

// MarshalText implements [encoding.TextMarshaler].
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *Role) UnmarshalText(b []byte) error {
	if string(b) == "none" {
		*r = RoleNone
		return nil
	}
	i, err := roleWords.ParseOrUnset(b, "role")
	*r = Role(i)
	return err
}

// Kind is the kind of definition a [Scheme] implements.
type Kind uint8

// Scheme kinds. KindUnknown is the zero value.
const (
	KindUnknown Kind = iota
	// KindLeftBehind: left-behind child (留守儿童), 国发〔2016〕13号 and variants.
	KindLeftBehind
	// KindUnattended: de facto unattended child (事实无人抚养儿童), 民发〔2019〕62号
	// as widened by 民发〔2020〕125号.
	KindUnattended
	// KindACWF: the older All-China Women's Federation definition (at least
	// one parent away, under 18), behind the 58 and 61 million estimates.
	KindACWF
	numKinds
)

var kindWords = enum.New[Kind](parseErr, "unknown", "left_behind", "de_facto_unattended", "acwf")

// String returns "left_behind", "de_facto_unattended" or "acwf".
func (k Kind) String() string { return kindWords.String(k, "Kind") }

// MarshalText implements [encoding.TextMarshaler]; KindUnknown is an error.
func (k Kind) MarshalText() ([]byte, error) { return kindWords.Marshal(k, "scheme kind") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *Kind) UnmarshalText(b []byte) error {
	i, err := kindWords.ParseOrUnset(b, "scheme kind")
	*k = Kind(i)
	return err
}

// Outcome is a scheme's answer for one child on one date.
type Outcome uint8

// Outcomes. OutcomeUnset is the zero value: not classified.
const (
	OutcomeUnset Outcome = iota
	// No: the child is not covered by the definition.
	No
	// Yes: the child is covered.
	Yes
	// Undetermined: the answer depends on a fact the data do not hold,
	// such as the exact day a document took effect; the reasons say which.
	Undetermined
)

var outcomeWords = enum.New[Outcome](parseErr, "unset", "no", "yes", "undetermined")

// String returns "no", "yes", "undetermined" or "unset".
func (o Outcome) String() string { return outcomeWords.String(o, "Outcome") }

// MarshalText implements [encoding.TextMarshaler]; OutcomeUnset is an error.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeWords.Marshal(o, "outcome") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (o *Outcome) UnmarshalText(b []byte) error {
	i, err := outcomeWords.ParseOrUnset(b, "outcome")
	*o = Outcome(i)
	return err
}

// Status is a child's category in the national registry that village child
// directors keep: de facto unattended, left-behind, or neither. The older
// ACWF definition is never a Status: it is reported separately (see
// [Classification.ACWF]) so that its estimates are not mixed with the
// registry counts.
type Status uint8

// Registry statuses. StatusUnknown is the zero value: not classified.
const (
	StatusUnknown Status = iota
	// NotCovered: neither left-behind nor de facto unattended.
	NotCovered
	// LeftBehind: a left-behind child under the primary left-behind scheme.
	LeftBehind
	// Unattended: a de facto unattended child under the primary scheme.
	Unattended
	// StatusUndetermined: a scheme could not decide (see its reasons).
	StatusUndetermined
	numStatuses
)

var statusWords = enum.New[Status](parseErr, "unknown", "none", "left_behind", "de_facto_unattended", "undetermined")

// String returns "none", "left_behind", "de_facto_unattended", "undetermined" or "unknown".
func (s Status) String() string { return statusWords.String(s, "Status") }

// MarshalText implements [encoding.TextMarshaler]; StatusUnknown is
// "unknown" (a child classified by rules with no primary scheme), so that
// figures keyed by status always marshal.
func (s Status) MarshalText() ([]byte, error) {
	if s == StatusUnknown {
		return []byte("unknown"), nil
	}
	return statusWords.Marshal(s, "status")
}

// UnmarshalText implements [encoding.TextUnmarshaler]; "unknown" is StatusUnknown.
func (s *Status) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*s = StatusUnknown
		return nil
	}
	i, err := statusWords.ParseOrUnset(b, "status")
	*s = Status(i)
	return err
}

func itoa(i int) string { return strconv.Itoa(i) }
