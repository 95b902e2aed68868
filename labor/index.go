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
// document [DecodeRecords] reads (schema [RecordsSchema]).
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

// RecordsSchema is the schema name a records document must declare.
const RecordsSchema = "fupin.labor.records/1"

// MaxRecordsBytes bounds the size of a records document [DecodeRecords]
// reads.
const MaxRecordsBytes = 256 << 20

// DecodeRecords reads a records document: a JSON object with "schema":
// [RecordsSchema] and the arrays of [Records]. Decoding is strict (unknown
// fields and trailing data are errors); every record is validated, and the
// references between records are checked by [NewIndex]. name identifies
// the input in errors. Identity numbers are masked in every error.
func DecodeRecords(r io.Reader, name string) (*Index, error) {
	var doc struct {
		Schema string `json:"schema"`
		Records
	}
	if err := paramfile.Read(r, name, MaxRecordsBytes, RecordsSchema, &doc); err != nil {
		return nil, err
	}
	rec := doc.Records
	return NewIndex(&rec)
}

// Encode writes the records as a document [DecodeRecords] reads back.
func (r *Records) Encode(w io.Writer) error {
	var buf bytes.Buffer
	doc := struct {
		Schema string `json:"schema"`
		*Records
	}{RecordsSchema, r}
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
// indexes them. Problems are joined errors, each naming the record and the
// field: duplicate keys (poverty.ErrDuplicate), a job naming an unknown
// worker, workshop or Via, a worker whose household has no snapshot
// ([ErrUnknownReference]), and each record's own Validate errors.
func NewIndex(r *Records) (*Index, error) {
	x := &Index{r: r, households: make(map[hkey]int, len(r.Households)), years: map[string][]int{},
		workers: make(map[string]int, len(r.Workers)), workshops: map[string]int{},
		jobsOf: make([][]int, len(r.Workers)), workersOf: map[string][]int{}, jobsAt: map[string][]int{}}
	var errs []error
	dup := func(rec, field, value string) {
		errs = append(errs, &poverty.FieldError{Record: rec, Field: field, Value: value, Err: poverty.ErrDuplicate})
	}
	ref := func(rec, field, value string) {
		errs = append(errs, &poverty.FieldError{Record: rec, Field: field, Value: value, Err: ErrUnknownReference})
	}
	for i := range r.Households {
		h := &r.Households[i]
		if err := h.Validate(); err != nil {
			errs = append(errs, err)
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
		if err := w.Validate(); err != nil {
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
		if err := w.Validate(); err != nil {
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
		if err := r.Workstations[i].Validate(); err != nil {
			errs = append(errs, err)
		}
		if via[r.Workstations[i].ID] {
			dup(r.Workstations[i].ID, "id", r.Workstations[i].ID)
		}
		via[r.Workstations[i].ID] = true
	}
	for i := range r.JobFairs {
		if err := r.JobFairs[i].Validate(); err != nil {
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
		if err := j.Validate(); err != nil {
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

// Household returns the household's snapshot for year.
func (x *Index) Household(id string, year int) (*Household, bool) {
	i, ok := x.households[hkey{id, year}]
	if !ok {
		return nil, false
	}
	return &x.r.Households[i], true
}

// Worker returns the worker with the ID.
func (x *Index) Worker(id string) (*Worker, bool) {
	i, ok := x.workers[id]
	if !ok {
		return nil, false
	}
	return &x.r.Workers[i], true
}

// Workshop returns the workshop with the ID.
func (x *Index) Workshop(id string) (*Workshop, bool) {
	i, ok := x.workshops[id]
	if !ok {
		return nil, false
	}
	return &x.r.Workshops[i], true
}

// WorkerJobs returns copies of the worker's jobs, ordered by start date.
func (x *Index) WorkerJobs(workerID string) []Job {
	i, ok := x.workers[workerID]
	if !ok {
		return nil
	}
	out := make([]Job, len(x.jobsOf[i]))
	for k, j := range x.jobsOf[i] {
		out[k] = x.r.Jobs[j]
	}
	return out
}

// HouseholdWorkers returns copies of the household's workers in record order.
func (x *Index) HouseholdWorkers(householdID string) []Worker {
	var out []Worker
	for _, i := range x.workersOf[householdID] {
		out = append(out, x.r.Workers[i])
	}
	return out
}

// HouseholdJobs returns copies of the jobs of all the household's workers.
func (x *Index) HouseholdJobs(householdID string) []Job {
	var out []Job
	for _, wi := range x.workersOf[householdID] {
		for _, j := range x.jobsOf[wi] {
			out = append(out, x.r.Jobs[j])
		}
	}
	return out
}

// Posts returns the workshop's posts: each job at it with its worker and the
// worker's household snapshot for year (nil when there is none).
func (x *Index) Posts(workshopID string, year int) []Post {
	var out []Post
	for _, j := range x.jobsAt[workshopID] {
		job := &x.r.Jobs[j]
		w := &x.r.Workers[x.workers[job.Worker]]
		h, _ := x.Household(w.Household, year)
		out = append(out, Post{Job: job, Worker: w, Household: h})
	}
	return out
}

// Tally counts the household snapshots of year into t (see [Tally]), in
// record order, each with its workers and their jobs.
func (x *Index) Tally(t *Tally, year int) error {
	var workers []Worker
	var jobs [][]Job
	for i := range x.r.Households {
		h := &x.r.Households[i]
		if h.Year != year {
			continue
		}
		workers, jobs = workers[:0], jobs[:0]
		for _, wi := range x.workersOf[h.ID] {
			workers = append(workers, x.r.Workers[wi])
			var js []Job
			for _, j := range x.jobsOf[wi] {
				js = append(js, x.r.Jobs[j])
			}
			jobs = append(jobs, js)
		}
		if err := t.Add(h, workers, jobs); err != nil {
			return err
		}
	}
	return nil
}
