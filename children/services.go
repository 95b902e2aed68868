package children

import (
	"cmp"
	"slices"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// Service is a child-care service or post that a village or township may
// have (docs/POLICY.md 4.5).
type Service uint8

// Services, in the order [Coverage] lists them. The zero value is none
// ("unknown").
const (
	// ChildrensHome is a children's home (儿童之家), a village or community
	// service.
	ChildrensHome Service = iota + 1
	// ActivityCentre is an activity centre for left-behind children (留守儿童
	// 活动中心 or 之家), in a village or a township.
	ActivityCentre
	// DirectorPost is a village child director (儿童主任), one per village
	// or residents' committee (民发〔2019〕34号).
	DirectorPost
	// SupervisorPost is a township child supervisor (儿童督导员), one per
	// township or street office (民发〔2019〕34号).
	SupervisorPost
	numServices
)

var serviceWords = enum.New[Service](parseErr, "unknown", "children_home", "activity_centre", "child_director", "child_supervisor")

// String returns the stable word, such as "children_home".
func (s Service) String() string { return serviceWords.String(s, "Service") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (s Service) MarshalText() ([]byte, error) { return serviceWords.Marshal(s, "service") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (s *Service) UnmarshalText(b []byte) error {
	i, err := serviceWords.ParseOrUnset(b, "service")
	*s = i
	return err
}

// Place is a village (Village set) or a township (Village empty) in a
// county; the zero Place is no place. Places match on all three identifiers exactly, as the registry
// records them ([Child.County], [Child.Township], [Child.Village]).
type Place struct {
	County   poverty.County `json:"county,omitzero"`
	Township string         `json:"township"`
	Village  string         `json:"village,omitempty"`
}

func comparePlaces(a, b Place) int {
	return cmp.Or(cmp.Compare(a.County, b.County), cmp.Compare(a.Township, b.Township), cmp.Compare(a.Village, b.Village))
}

// Facility is one service in a place: a village facility or post serves
// that village; a township one (Village empty) serves every village of the
// township. The zero Facility is rejected by [NewServiceMap].
type Facility struct {
	Service Service `json:"service"`
	Place
}

// ServiceMap knows which services each village and township has. Build
// it with [NewServiceMap]; it is immutable and safe for concurrent use. The
// zero ServiceMap knows no service.
type ServiceMap struct {
	villages []Place // every listed village, sorted
	at       map[Place]uint8
}

// NewServiceMap builds the map from the list of villages (every village
// the registry covers, so that villages without a service can be found)
// and the facilities. A facility in a village that is not listed adds the
// village. A child director must be in a village; a supervisor in a
// township (Village empty). A place needs a township.
func NewServiceMap(villages []Place, facilities []Facility) (*ServiceMap, error) {
	m := &ServiceMap{at: map[Place]uint8{}}
	seen := map[Place]bool{}
	addVillage := func(p Place) {
		if !seen[p] {
			seen[p] = true
			m.villages = append(m.villages, p)
		}
	}
	for i, v := range villages {
		if v.Township == "" || v.Village == "" {
			return nil, fieldErr("NewServiceMap", "villages["+itoa(i)+"]", "village", v.Village, poverty.ErrMissing)
		}
		addVillage(v)
	}
	for i, f := range facilities {
		rec := "facilities[" + itoa(i) + "]"
		switch {
		case f.Service == 0 || f.Service >= numServices:
			return nil, fieldErr("NewServiceMap", rec, "service", f.Service.String(), poverty.ErrUnknownWord)
		case f.Township == "":
			return nil, fieldErr("NewServiceMap", rec, "township", "", poverty.ErrMissing)
		case f.Service == DirectorPost && f.Village == "":
			return nil, fieldErr("NewServiceMap", rec, "village", "", poverty.ErrMissing)
		case f.Service == SupervisorPost && f.Village != "":
			return nil, fieldErr("NewServiceMap", rec, "village", f.Village, poverty.ErrRange)
		}
		m.at[f.Place] |= 1 << f.Service
		if f.Village != "" {
			addVillage(f.Place)
		}
	}
	slices.SortFunc(m.villages, comparePlaces)
	return m, nil
}

// Has reports whether the service serves the village p: in the village,
// or in its township.
func (m *ServiceMap) Has(p Place, s Service) bool {
	if m.at[p]&(1<<s) != 0 {
		return true
	}
	t := p
	t.Village = ""
	return m.at[t]&(1<<s) != 0
}

// withoutDirector returns the listed villages that have no child director,
// in place order.
func (m *ServiceMap) withoutDirector() []Place {
	var out []Place
	for _, v := range m.villages {
		if !m.Has(v, DirectorPost) {
			out = append(out, v)
		}
	}
	return out
}

// ServiceCount is how many covered children live where a service exists.
// The zero value counts none.
type ServiceCount struct {
	Service  Service      `json:"service"`
	Children int          `json:"children"`
	Share    poverty.Rate `json:"share"` // of all covered children, rounded half up
}

// Coverage is the services coverage of a registry's left-behind children.
// The zero Coverage is that of an empty registry.
type Coverage struct {
	On         poverty.Date   `json:"on"`
	LeftBehind int            `json:"left_behind"`
	Served     []ServiceCount `json:"served"`
	// VillagesWithoutDirector lists the villages (listed, or holding a
	// left-behind child) that have no child director.
	VillagesWithoutDirector []Place `json:"villages_without_director"`
	// LeftBehindWithoutDirector counts the left-behind children living in them.
	LeftBehindWithoutDirector int `json:"left_behind_without_director"`
	// Unlisted lists villages of left-behind children that the map does not
	// list (so their services are unknown); they count as without services.
	Unlisted []Place `json:"unlisted,omitempty"`
}

// Coverage classifies the registry's children on its date with the primary
// left-behind scheme and counts, for each service, the left-behind
// children who live where it exists; it lists the villages without a
// child director (with an empty registry: the listed villages without
// one).
func (m *ServiceMap) Coverage(r *Rules, reg Snapshot) (Coverage, error) {
	s := r.primary[LeftBehind]
	if s == nil {
		return Coverage{}, fieldErr("Coverage", "left_behind", "kind", "", ErrUnknownScheme)
	}
	cov := Coverage{On: reg.On}
	var served [numServices]int
	perVillage := map[Place]int{}
	for i := range reg.Children {
		c := &reg.Children[i]
		res, err := s.Classify(c, reg.On)
		if err != nil {
			return Coverage{}, withOp("Coverage", err)
		}
		if res.Outcome != Yes {
			continue
		}
		cov.LeftBehind++
		p := Place{County: c.County, Township: c.Township, Village: c.Village}
		perVillage[p]++
		for sv := ChildrensHome; sv < numServices; sv++ {
			if m.Has(p, sv) {
				served[sv]++
			}
		}
	}
	for sv := ChildrensHome; sv < numServices; sv++ {
		sc := ServiceCount{Service: sv, Children: served[sv]}
		if cov.LeftBehind > 0 {
			sc.Share, _ = poverty.Ratio(int64(served[sv]), int64(cov.LeftBehind), poverty.RoundHalfUp)
		}
		cov.Served = append(cov.Served, sc)
	}
	listed := map[Place]bool{}
	for _, v := range m.villages {
		listed[v] = true
	}
	cov.VillagesWithoutDirector = m.withoutDirector()
	for p, n := range perVillage {
		if !listed[p] {
			cov.Unlisted = append(cov.Unlisted, p)
			cov.VillagesWithoutDirector = append(cov.VillagesWithoutDirector, p)
		}
		if !m.Has(p, DirectorPost) {
			cov.LeftBehindWithoutDirector += n
		}
	}
	slices.SortFunc(cov.Unlisted, comparePlaces)
	slices.SortFunc(cov.VillagesWithoutDirector, comparePlaces)
	return cov, nil
}
