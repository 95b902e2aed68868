package labor

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"

	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// Records is a set of labour records: yearly household snapshots, workers,
// their jobs, workshops, labour-export workstations and job fairs. It is the
// document [DecodeRecords] reads and [Records.Encode] writes (schema
// "fupin.labor.records/1"), and what [NewIndex] indexes.
//
// The zero Records is an empty, valid set.
type Records struct {
	Households   []Household   `json:"households"`
	Workers      []Worker      `json:"workers"`
	Jobs         []Job         `json:"jobs"`
	Workshops    []Workshop    `json:"workshops"`
	Workstations []Workstation `json:"workstations"`
	JobFairs     []JobFair     `json:"job_fairs"`
}

// recordsSchema is the schema name a records document must declare.
const recordsSchema = "fupin.labor.records/1"

// maxRecordsBytes bounds the size of a records document [DecodeRecords]
// reads.
const maxRecordsBytes = 256 << 20

// DecodeRecords reads a records document of at most 256 MiB: a JSON object
// with "schema": "fupin.labor.records/1" and the arrays of [Records].
// Decoding is strict (unknown fields and trailing data are errors); every
// record is validated, and the references between records are checked as
// [NewIndex] checks them. name identifies the input in errors, which are
// *[poverty.FieldError]s with Op "labor.DecodeRecords". Identity numbers
// are masked in every error.
func DecodeRecords(r io.Reader, name string) (*Index, error) {
	const op = "labor.DecodeRecords"
	var doc struct {
		Schema string `json:"schema"`
		Records
	}
	if err := paramfile.Read(r, name, maxRecordsBytes, recordsSchema, &doc); err != nil {
		return nil, withOp(op, err)
	}
	rec := doc.Records
	return newIndex(&rec, op)
}

// Encode writes the records as a document [DecodeRecords] reads back.
func (r *Records) Encode(w io.Writer) error {
	var buf bytes.Buffer
	doc := struct {
		Schema string `json:"schema"`
		*Records
	}{recordsSchema, r}
	if err := encodeJSON(&buf, doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type hkey struct {
	id   string
	year int
}

// Index is a validated, read-only view of [Records] with the links between
// them resolved: jobs by worker and by workshop, workers by household,
// household snapshots by ID and year. It is safe for concurrent use; the
// records it holds must not be changed after [NewIndex].
//
// The zero Index is not usable; build one with [NewIndex] or [DecodeRecords].
type Index struct {
	r          *Records
	households map[hkey]int
	years      map[string][]int // household ID -> snapshot indexes
	workers    map[string]int
	workshops  map[string]int
	jobsOf     [][]int // by worker index, ordered by start date
	workersOf  map[string][]int
	jobsAt     map[string][]int // by workshop ID, in record order
}

// NewIndex validates every record and every reference between records and
// indexes them. Problems are joined errors, each a *[poverty.FieldError]
// with Op "labor.NewIndex" naming the record and the field: missing or
// out-of-range values (a job's channel and place, a workshop's type and
// sites must be set), duplicate keys ([poverty.ErrDuplicate]), a job naming
// an unknown worker, workshop or Via, a worker whose household has no
// snapshot ([ErrUnknownReference]), and each household snapshot's
// [poverty.Household.Validate] errors.
func NewIndex(r *Records) (*Index, error) { return newIndex(r, "labor.NewIndex") }

func newIndex(r *Records, op string) (*Index, error) {
	x := &Index{r: r, households: make(map[hkey]int, len(r.Households)), years: map[string][]int{},
		workers: make(map[string]int, len(r.Workers)), workshops: map[string]int{},
		jobsOf: make([][]int, len(r.Workers)), workersOf: map[string][]int{}, jobsAt: map[string][]int{}}
	var errs []error
	dup := func(rec, field, value string) {
		errs = append(errs, fieldErr(op, rec, field, value, poverty.ErrDuplicate))
	}
	ref := func(rec, field, value string) {
		errs = append(errs, fieldErr(op, rec, field, value, ErrUnknownReference))
	}
	for i := range r.Households {
		h := &r.Households[i]
		if err := h.Validate(); err != nil {
			errs = append(errs, withOp(op, err))
		}
		k := hkey{h.ID, h.Year}
		if _, ok := x.households[k]; ok {
			dup(h.ID, "year", strconv.Itoa(h.Year))
			continue
		}
		x.households[k] = i
		x.years[h.ID] = append(x.years[h.ID], i)
	}
	for i := range r.Workers {
		w := &r.Workers[i]
		if err := w.validate(op); err != nil {
			errs = append(errs, err)
		}
		if _, ok := x.workers[w.ID]; ok {
			dup(w.ID, "id", w.ID)
			continue
		}
		x.workers[w.ID] = i
		if _, ok := x.years[w.Household]; !ok && w.Household != "" {
			ref(w.ID, "household", w.Household)
		}
		x.workersOf[w.Household] = append(x.workersOf[w.Household], i)
	}
	for i := range r.Workshops {
		w := &r.Workshops[i]
		if err := w.validate(op); err != nil {
			errs = append(errs, err)
		}
		if _, ok := x.workshops[w.ID]; ok {
			dup(w.ID, "id", w.ID)
			continue
		}
		x.workshops[w.ID] = i
	}
	via := map[string]bool{}
	for i := range r.Workstations {
		if err := r.Workstations[i].validate(op); err != nil {
			errs = append(errs, err)
		}
		if via[r.Workstations[i].ID] {
			dup(r.Workstations[i].ID, "id", r.Workstations[i].ID)
		}
		via[r.Workstations[i].ID] = true
	}
	for i := range r.JobFairs {
		if err := r.JobFairs[i].validate(op); err != nil {
			errs = append(errs, err)
		}
		if via[r.JobFairs[i].ID] {
			dup(r.JobFairs[i].ID, "id", r.JobFairs[i].ID)
		}
		via[r.JobFairs[i].ID] = true
	}
	jobIDs := make(map[string]bool, len(r.Jobs))
	for i := range r.Jobs {
		j := &r.Jobs[i]
		if err := j.validate(op); err != nil {
			errs = append(errs, err)
		}
		if jobIDs[j.ID] {
			dup(j.ID, "id", j.ID)
		}
		jobIDs[j.ID] = true
		wi, ok := x.workers[j.Worker]
		if !ok {
			if j.Worker != "" {
				ref(j.ID, "worker", j.Worker)
			}
		} else {
			x.jobsOf[wi] = append(x.jobsOf[wi], i)
		}
		if j.Workshop != "" {
			if _, ok := x.workshops[j.Workshop]; !ok {
				ref(j.ID, "workshop", j.Workshop)
			}
			x.jobsAt[j.Workshop] = append(x.jobsAt[j.Workshop], i)
		}
		if j.Via != "" && !via[j.Via] {
			ref(j.ID, "via", j.Via)
		}
	}
	for _, js := range x.jobsOf {
		slices.SortStableFunc(js, func(a, b int) int { return r.Jobs[a].Start.Compare(r.Jobs[b].Start) })
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return x, nil
}

// Records returns the indexed records. They must not be changed.
func (x *Index) Records() *Records { return x.r }

// Household returns a copy of the household's snapshot for year, copies of
// its workers in record order and of each worker's jobs ordered by start
// date (jobs[i] are the jobs of workers[i]): the arguments of
// [EmploymentRules.Classify] and [Tally.Add], and, joined, of [AddWages].
// ok is false when the index holds no snapshot of the household for year.
func (x *Index) Household(id string, year int) (h Household, workers []Worker, jobs [][]Job, ok bool) {
	i, ok := x.households[hkey{id, year}]
	if !ok {
		return Household{}, nil, nil, false
	}
	h = x.r.Households[i]
	h.Members = slices.Clone(h.Members)
	h.Monthly = slices.Clone(h.Monthly)
	workers, jobs = x.members(id, nil, nil)
	return h, workers, jobs, true
}

// members appends copies of the household's workers and their jobs.
func (x *Index) members(id string, workers []Worker, jobs [][]Job) ([]Worker, [][]Job) {
	for _, wi := range x.workersOf[id] {
		workers = append(workers, x.r.Workers[wi])
		js := make([]Job, len(x.jobsOf[wi]))
		for k, j := range x.jobsOf[wi] {
			js[k] = x.r.Jobs[j]
		}
		jobs = append(jobs, js)
	}
	return workers, jobs
}

// household returns the indexed snapshot, shared.
func (x *Index) household(id string, year int) (*Household, bool) {
	i, ok := x.households[hkey{id, year}]
	if !ok {
		return nil, false
	}
	return &x.r.Households[i], true
}

// Workshop returns a copy of the workshop with the ID and its posts: each
// job at it, in record order, with its worker and the worker's household
// snapshot for year (nil when there is none), all copies: the arguments of
// [Params.Recognize]. ok is false for an unknown workshop.
func (x *Index) Workshop(id string, year int) (ws Workshop, posts []Post, ok bool) {
	i, ok := x.workshops[id]
	if !ok {
		return Workshop{}, nil, false
	}
	ws = x.r.Workshops[i]
	ws.Sites = slices.Clone(ws.Sites)
	for _, j := range x.jobsAt[id] {
		job := x.r.Jobs[j]
		w := x.r.Workers[x.workers[job.Worker]]
		p := Post{Job: &job, Worker: &w}
		if h, ok := x.household(w.Household, year); ok {
			hc := *h
			hc.Members, hc.Monthly = slices.Clone(h.Members), slices.Clone(h.Monthly)
			p.Household = &hc
		}
		posts = append(posts, p)
	}
	return ws, posts, true
}

// SummarizeEmployment counts the household snapshots of year into t (see
// [Tally]), in record order, each with its workers and their jobs.
func (x *Index) SummarizeEmployment(t *Tally, year int) error {
	var workers []Worker
	var jobs [][]Job
	for i := range x.r.Households {
		h := &x.r.Households[i]
		if h.Year != year {
			continue
		}
		workers, jobs = x.members(h.ID, workers[:0], jobs[:0])
		if err := t.Add(h, workers, jobs); err != nil {
			return err
		}
	}
	return nil
}
