package children

import (
	"github.com/openfupin/fupin/poverty"
)

// Parent is one parent's situation as recorded for a child.
//
// The zero Parent has an unknown situation, which [Child.Validate] rejects.
type Parent struct {
	// ID is an optional identifier of the parent in the caller's records
	// (a person or worker key), so that other packages such as labor can
	// link a parent who came home to a job. It must not be an identity
	// number; use IDNumber for that.
	ID string `json:"id,omitempty"`
	// IDNumber is the optional resident identity number; always masked
	// when printed.
	IDNumber poverty.IDNumber `json:"id_number,omitzero"`
	// Situation is the parent's situation; required.
	Situation Situation `json:"situation"`
	// Since is the day the situation began: the day the parent left for
	// work, was detained, lost contact (when LastContact is not set). Zero
	// when not known; rules that count months then treat the period as not
	// shown.
	Since poverty.Date `json:"since,omitzero"`
	// Until is the recorded end of a restriction of liberty (the end of a
	// sentence or of rehabilitation), when known. The six-month rule reads
	// the term from Since to Until when both are set.
	Until poverty.Date `json:"until,omitzero"`
	// Capacity is whether the parent has guardianship capacity. When
	// unknown, the scheme's list of situations without capacity decides.
	Capacity Capacity `json:"capacity,omitzero"`
	// LastContact is the last day the child (or the guardian on the child's
	// behalf) was in contact with the parent; zero when not recorded.
	LastContact poverty.Date `json:"last_contact,omitzero"`
}

// lostSince returns the day contact was lost: LastContact, else Since.
func (p *Parent) lostSince() poverty.Date {
	if !p.LastContact.IsZero() {
		return p.LastContact
	}
	return p.Since
}

// Guardian is the adult who actually cares for the child day to day.
//
// The zero Guardian is an unknown guardian.
type Guardian struct {
	Kind GuardianKind `json:"kind"`
	// Age is the guardian's age in years; 0 when not recorded.
	Age int `json:"age,omitzero"`
	// Capacity is the guardian's guardianship capacity.
	Capacity Capacity `json:"capacity,omitzero"`
	// Agreement records a signed entrusted-guardianship agreement
	// (委托监护责任确认书) between the parents and this guardian.
	Agreement bool `json:"agreement,omitzero"`
}

// Concerns are facts about the child's safety that a child director or
// school has recorded; they drive the mandatory-reporting checks. The zero
// value records none.
type Concerns struct {
	// ChildMissing: the child is missing (失踪).
	ChildMissing bool `json:"child_missing,omitzero"`
	// GuardianNotPerforming: the guardian does not perform guardianship duties
	// (不履行监护职责).
	GuardianNotPerforming bool `json:"guardian_not_performing,omitzero"`
	// SuspectedAbuse: suspected domestic violence, abuse or unlawful harm.
	SuspectedAbuse bool `json:"suspected_abuse,omitzero"`
}

// Child is one child in a registry: who the child is, where the child is
// registered, the two parents' situations, the guardian, the living
// arrangement and school.
//
// A Child is plain data; [Child.Validate] checks it and every function
// that reads a Child validates it first. The zero Child is not valid: it
// has no ID, no birth date and no hukou.
type Child struct {
	// ID is the registry key of the child, unique within a snapshot and
	// stable between snapshots; required. It must not be an identity number.
	ID string `json:"id"`
	// IDNumber is the optional resident identity number; always masked
	// when printed. When BirthDate is zero the birth date is read from it.
	IDNumber poverty.IDNumber `json:"id_number,omitzero"`
	// BirthDate is required when IDNumber is zero; when both are set they
	// must agree.
	BirthDate poverty.Date `json:"birth_date,omitzero"`
	// Sex is optional; when unknown it is read from IDNumber.
	Sex   poverty.Sex `json:"sex,omitzero"`
	Hukou Hukou       `json:"hukou"`
	// County is the county of residence (six-digit division code); optional.
	County poverty.County `json:"county,omitzero"`
	// Region is the province; when zero it is the county's province.
	Region poverty.Region `json:"region,omitzero"`
	// Township and Village identify the township (street office) and the
	// village (residents' committee) for services coverage; optional.
	Township string `json:"township,omitempty"`
	Village  string `json:"village,omitempty"`
	// Household is an optional household key shared with other packages.
	Household string `json:"household,omitempty"`

	Father   Parent   `json:"father"`
	Mother   Parent   `json:"mother"`
	Guardian Guardian `json:"guardian"`
	Living   Living   `json:"living,omitzero"`
	School   School   `json:"school,omitzero"`
	Concerns Concerns `json:"concerns,omitzero"`
}

// Born returns the birth date: BirthDate, or the date read from IDNumber.
func (c *Child) Born() poverty.Date {
	if !c.BirthDate.IsZero() {
		return c.BirthDate
	}
	return c.IDNumber.BirthDate()
}

// SexOf returns Sex, or the sex read from IDNumber when Sex is unknown.
func (c *Child) SexOf() poverty.Sex {
	if c.Sex != poverty.SexUnknown {
		return c.Sex
	}
	return c.IDNumber.Sex()
}

// Province returns Region, or the province of County.
func (c *Child) Province() poverty.Region {
	if c.Region != poverty.National || c.County == 0 {
		return c.Region
	}
	return c.County.Province()
}

// parent returns the parent with the role; nil for none.
func (c *Child) parent(r Role) *Parent {
	switch r {
	case Father:
		return &c.Father
	case Mother:
		return &c.Mother
	}
	return nil
}

// AgeOn returns the child's age in whole years on the date (see
// [poverty.Date.AgeOn]: a birthday counts on the day itself).
func (c *Child) AgeOn(on poverty.Date) int { return c.Born().AgeOn(on) }

// Validate checks the record: an ID, a birth date (agreeing with the
// identity number when both are set), a known hukou, a known situation for
// each parent, a sex agreeing with the identity number, a province agreeing
// with the county, Until not before Since, and no key (ID, household,
// township, village, a parent's ID) holding what looks like an identity
// number ([ErrIdentityKey]). Errors are *[poverty.FieldError] naming
// the operation ("children.Validate", or the function that validated, such
// as "children.Classify"), the child and the field, with identity numbers
// masked.
func (c *Child) Validate() error {
	bad := func(field, value string, err error) error {
		return fieldErr("Validate", c.ID, field, value, err)
	}
	if c.ID == "" {
		return bad("id", "", poverty.ErrMissing)
	}
	for _, k := range [...]struct{ field, v string }{{"id", c.ID}, {"household", c.Household}, {"township", c.Township}, {"village", c.Village}} {
		if poverty.MaskIDsIn(k.v) != k.v {
			return bad(k.field, "", ErrIdentityKey)
		}
	}
	if c.BirthDate.IsZero() && c.IDNumber.IsZero() {
		return bad("birth_date", "", poverty.ErrMissing)
	}
	if !c.BirthDate.IsZero() && !c.IDNumber.IsZero() && c.BirthDate != c.IDNumber.BirthDate() {
		return bad("birth_date", c.BirthDate.String(), ErrConflict)
	}
	if c.Sex != poverty.SexUnknown && !c.IDNumber.IsZero() && c.Sex != c.IDNumber.Sex() {
		return bad("sex", c.Sex.String(), ErrConflict)
	}
	if c.Hukou != Rural && c.Hukou != Urban {
		return bad("hukou", c.Hukou.String(), poverty.ErrMissing)
	}
	if c.County != 0 && !c.County.IsValid() {
		return bad("county", c.County.String(), poverty.ErrUnknownRegion)
	}
	if c.Region != poverty.National && !c.Region.IsProvince() {
		return bad("region", c.Region.String(), poverty.ErrUnknownRegion)
	}
	if c.Region != poverty.National && c.County != 0 && c.County.Province() != c.Region {
		return bad("region", c.Region.String(), ErrConflict)
	}
	if c.Guardian.Kind > NoGuardian {
		return bad("guardian.kind", c.Guardian.Kind.String(), poverty.ErrUnknownWord)
	}
	if c.Guardian.Age < 0 || c.Guardian.Age > 130 {
		return bad("guardian.age", "", poverty.ErrRange)
	}
	if c.Guardian.Capacity > Incapable {
		return bad("guardian.capacity", c.Guardian.Capacity.String(), poverty.ErrUnknownWord)
	}
	if c.Living > Alone {
		return bad("living", c.Living.String(), poverty.ErrUnknownWord)
	}
	if c.School >= numSchools {
		return bad("school", c.School.String(), poverty.ErrUnknownWord)
	}
	for r := Father; r <= Mother; r++ {
		p := c.parent(r)
		if p.Situation == 0 || p.Situation >= numSituations {
			return bad(r.String()+".situation", p.Situation.String(), poverty.ErrMissing)
		}
		if poverty.MaskIDsIn(p.ID) != p.ID {
			return bad(r.String()+".id", "", ErrIdentityKey)
		}
		if p.Capacity > Incapable {
			return bad(r.String()+".capacity", p.Capacity.String(), poverty.ErrUnknownWord)
		}
		if !p.Until.IsZero() && !p.Since.IsZero() && p.Until.Before(p.Since) {
			return bad(r.String()+".until", p.Until.String(), poverty.ErrRange)
		}
		if p.Situation == Deceased && p.Capacity == Capable {
			return bad(r.String()+".capacity", p.Capacity.String(), ErrConflict)
		}
	}
	return nil
}
