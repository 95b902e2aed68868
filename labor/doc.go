// Package labor models employment assistance for rural households: workers
// and their jobs, transfer employment and zero-employment households,
// poverty-alleviation workshops with their recognition rules and awards,
// labour export through workstations, job fairs and transport subsidies,
// and what workshops change for workers' households and children.
//
// # Entry points
//
//   - Parameters: [DefaultParams] (the embedded rules), [LoadParams] (a
//     county's own file) and [Params.Overlay]; [Lookup] fetches one record
//     by ID, [LookupIn] the records that apply in a region.
//   - Household employment: [EmploymentRules.Classify] finds
//     zero-employment households; [Tally] counts a county one household at
//     a time ([Index.SummarizeEmployment] over indexed records).
//   - Workshops: [Params.Recognize] tests a workshop against a recognition
//     rule and computes its award.
//   - Impact: [Index.Impact] measures what workshops changed for jobs,
//     incomes, returned migrants and left-behind children.
//   - Labour export: [SummarizeExport] totals workstations and job fairs;
//     [Params.TransportSubsidy] decides a migrant worker's transport
//     subsidy.
//
// Records come in through [DecodeRecords] (a document), [Decoder] (JSON
// Lines, one record at a time) or [NewIndex] (records built in code). The
// package Example shows the common flow: parameters, a household's
// employment, a workshop's recognition and its impact.
//
// # Names of tests and lookups
//
// The verbs follow the module's table: Classify gives a status from records
// ([EmploymentRules.Classify]); Recognize and TransportSubsidy test a rule's
// criteria and compute its amount; Summarize gives figures over many records
// ([SummarizeExport], [Index.SummarizeEmployment]); Lookup gives a value
// from a table by key ([Lookup], [LookupIn]); Load, Default, Overlay and
// History handle parameter data. A lookup by ID can fail for several
// reasons (unknown ID, not in force, SECONDARY without AcceptSecondary,
// UNCONFIRMED), so it returns (T, error); a lookup in the records by key
// ([Index.Household], [Index.Workshop]) returns copies and a bool. [Lookup]
// and [LookupIn] are generic functions keyed by the record type, not one
// method per kind, because Go methods take no type parameters: the type
// argument names the kind, the result needs no assertion, and a type that
// is not a record kind does not compile.
//
// Results that carry reasons have a one-line String ([Recognition.String],
// [TransportResult.String], [HouseholdEmployment.String], [Impact.String])
// besides their full form (each [poverty.Criterion] with its rule, input,
// parameter and source). Every error this package returns is a
// *[poverty.FieldError] whose Op names the package and the operation
// ("labor.Recognize: record ...") wrapping a sentinel of this package or of
// package poverty, to test with [errors.Is].
//
// It follows docs/SEEDS.md S5 (workshops near home: Gangu's 52 workshops and 960
// returned mothers, a Zhenxiong returnee's 537 jobs) and S6 (Zhenxiong's
// 666,100 workers supported through transfer employment), with the rules of
// docs/POLICY.md section 5. It builds on package poverty (money, dates,
// households, lines) and package children (left-behind classification and
// transitions).
//
// # Workers and jobs
//
// A [Worker] belongs to a household by ID; when its birth date or sex is
// unset the rules read them from its identity number. A [Job] has an employer, a
// [Channel] (workshop, labour-export workstation, job fair, public-welfare
// post, returnee business, self-found), a [Place] of work in the NBS census
// categories (in the village, in the township, in the county, in the city,
// in the province, another province), a monthly wage and dated start and
// end. [Job.ServiceIn] gives the days, whole months and part month held in a
// calendar year; [Job.WageIn] the wage income of that year, the part month
// paid pro rata by days and rounded half up to the fen; [AddWages] feeds it
// into a [poverty.Household]'s wage income. [Household] is a yearly
// snapshot of a poverty.Household with the monitoring flag; its Income.Wage
// holds only wages not recorded as jobs.
//
// # Household employment
//
// [EmploymentRules] combine working-age [AgeLimits], a [StableRule]
// ("fairly stable employment": at least 180 days in the year, or a contract
// of a year or more, or pay at least the local minimum wage) and a
// [TransferRule] (transferred labour: at least six whole months outside the
// township). [EmploymentRules.Classify] finds zero-employment
// households (零就业家庭) with a reason code per household and a
// [poverty.Criterion] per alternative ([WorkerEmployment.Criteria]). A [Tally]
// counts a county one household at a time, with no allocation per household:
// the transfer rate (workers supported through an assistance channel over
// the labour force) and the share from registered poor households. The
// sources give the zero-employment definitions only as local rules of
// unnamed places (a legal Q&A site, SECONDARY): the embedded
// stable-employment rule zero-employment-exit and the rural age limits
// zero-employment-rural are the library's reading of them (DEFAULT), for a
// county to replace with its own. The transferred-labour definition
// outside-township-6-months is a general definition from one non-official
// page (SECONDARY), so its lookup needs AcceptSecondary. The local minimum
// wage is always the caller's parameter (no source in docs/POLICY.md gives
// one), and a decision that needs it without it is [ErrNoParameter].
// zero-employment-rural states no maximum age for women (its source names
// men 16-59 only): a woman of working age then fails with an error naming
// the rule and the parameter women_max_age, wrapping [ErrNoParameter] and
// [ErrNotStated], until a parameter file supplies the value ([LoadParams],
// [Params.Overlay]). Age rules are local: a report for a province whose
// rules the library does not hold names the rule it borrowed
// ([EmploymentRules.WorkingAges]: "working ages: jilin-2018, LOCAL 22,
// borrowed for province 53"). The
// national "at least one able-bodied member employed" wording is
// UNCONFIRMED: it is kept as the record national-one-member-employed,
// without values, so that the gap is visible, and every lookup of it is
// [poverty.ErrUnconfirmed].
//
// # Workshops and recognition
//
// A [Workshop] has a [WorkshopType] (the five types of Guangxi 柳江区),
// [Site]s, an owner (possibly a returnee) and the facts recognition rules
// read. [Params.Recognize] evaluates one [RecognitionRule] on a date: each
// [Post] is checked against the worker criteria (group, contract, minimum
// wage, working age, months and wage in the year or the previous year,
// months in post) with the reason codes of the criteria it failed, then
// the workshop criteria, then the [Award]. There is no national
// recognition rule; every embedded rule is one place's, with its label:
//
//   - jilin-2018 (LOCAL 22): at least 5 registered poor workers, contracts
//     of 6 months or more, paid at least the local minimum wage, women
//     16-55 and men 16-60; 1,000 yuan per poor worker capped at 50,000
//     (吉人社联字〔2018〕20号).
//   - guangxi-liujiang-2021 (LOCAL 450206, 柳江区): at least 5 lifted-out
//     or monitored workers, one of five types, accident insurance of at
//     least 15 yuan a month.
//   - chongqing-2022 (LOCAL 50): county recognition, workers in post 3
//     months; the annual award table by grade and head count (10-19:
//     4/3/2, 20-39: 7/5/3, 40 or more: 10/8/6 ten-thousand yuan) and a
//     construction cap of 500,000 (重庆市人力社保局, 2022-12-16).
//   - hunan-demonstration-2021 (LOCAL 43, press): at least 30 lifted-out
//     workers, each at least 6 months and 11,000 yuan in the previous
//     year; not in an industrial park, not a cooperative without
//     processing.
//   - jiangxi-pingxiang-mashan-2020 (LOCAL 360313, press: 麻山镇, a
//     township of 湘东区): 5 poor workers; 30,000 one-off plus 1,000 per
//     worker a year for 3 years.
//   - sichuan-guangyuan-2017 (LOCAL 51, press: 广元): 10 poor workers;
//     50,000 one-off.
//   - xiangtan-press-5000 (SECONDARY 43, weak): a press claim of 5,000 yuan
//     a worker a year, undated, used only with AcceptSecondary.
//
// The legal Q&A site's rule of an unnamed locality (6 months and 6,000
// yuan: 1,000 yuan a worker, POLICY.md 5.1) names no place, so no scope can
// be given: it is not embedded; a caller who knows where it applies adds
// it in a parameter file.
//
// Bounds are inclusive where the sources say "at least" (≥5 workers,
// ≥11,000 yuan, 16-55 years); a head count below the Chongqing table's first
// band earns nothing.
//
// # Labour export
//
// [Workstation] and [JobFair] records and [SummarizeExport] total
// placements, disputes settled, wage claims, recruiters, vacancies and
// hires, and compare them with the jobs whose Via names them.
// [Params.TransportSubsidy] evaluates a [TransportRule] for one job with a
// reason per criterion: Heilongjiang's 800 yuan after three months across
// provinces (LOCAL 23), Shanxi's fare up to 800 (中阳县 2022, LOCAL
// 141129; monitored households 2020, LOCAL 14 provincial), and Gansu
// 崇信县's tiers by destination (Shaanxi or Ningxia 400, other provinces
// 600, in the province 300, in the city 200; LOCAL 620823). The 2016
// national transport subsidy states no amount, and the forum quote of an
// unnamed township names no place: neither is encoded.
//
// # Workshop impact
//
// [Index.Impact] measures one workshop or many over a year: jobs and
// workers, jobs held by people from registered or monitored households and
// their share, the wage bill, each worker household's per-capita income in a
// baseline year and the impact year with the share of its gain that
// workshop wages explain and whether it crossed the poverty standard or the
// monitoring line, each year's income against the lines of its own year
// (the caller passes the lines of both years, usually from [ImpactLines]; a
// line of another year is [ErrLineYear]; a line the year does not have,
// such as a monitoring line before 2020, leaves its crossing not assessed,
// and the result says so with the years compared; where the data hold a
// year's standard UNCONFIRMED, as for 2017 and 2018, the caller supplies
// its own, labelled), migrant workers who came home for the jobs (a
// migrant job that ended within the return window before the workshop
// job: the [ReturnWindow] record returned-home, 183 days, the library's
// reading, DEFAULT, unless [ImpactOptions] says otherwise; the result names
// the window it used), the
// mothers and fathers among them, and the children who stopped being
// left-behind because of it. Children are counted through
// [children.Scheme.Transitions]: by default the registry after the jobs is
// projected from the registry before, changing only the
// returned workers, and a child counts only when a parent's return is the
// primary cause (a child who turns 16 is never claimed).
//
// # Records and parameters
//
// [DecodeRecords] reads a [Records] document (schema
// "fupin.labor.records/1", at most 256 MiB) strictly and [NewIndex] checks
// every record and every reference between records; errors are
// [poverty.FieldError]s naming the record and field, with identity numbers
// masked. A job must have its channel and place, a workshop its type, and
// a rule its group: the zero values of these enumerations are unset and
// the decoders reject them. [Decoder] reads the same records as JSON Lines
// one at a time (lines of at most 1 MiB), naming the line of every error;
// encoding [Line] values with encoding/json writes such a stream, and
// [Records.Encode] writes the document. Monthly wages are accepted up to
// one million yuan, so that a county's wage bill cannot overflow.
//
// # Parameters and their provenance
//
// Parameters are data: [DefaultParams] decodes the embedded
// data/params.json once; [LoadParams] reads a caller's file in the same
// schema ("fupin.labor.params/2", at most 4 MiB), any subset of its
// members; [Params.Overlay]
// replaces records by kind and ID and keeps the replaced ones, so that
// [Params.History] returns every version of a record, oldest first, and
// [Params.All] lists every current record with its provenance. Nothing
// these methods return shares memory with the parameter set.
//
// The file is one JSON object: "schema", "vintage" ([Params.Vintage]), and
// one array per kind of record: "age_limits" ([AgeLimits]),
// "minimum_wages" ([MinimumWage]; none embedded), "stable_employment"
// ([StableRule]), "transferred_labour" ([TransferRule]), "recognition"
// ([RecognitionRule]), "award_tables" ([AwardTable]), "transport"
// ([TransportRule]) and "return_windows" ([ReturnWindow]). Every record
// has an "id", unique within its kind, an optional "locality" naming the
// place in words, its values, and the members of [poverty.Provenance]:
// "source", "status" (CONFIRMED, SECONDARY, UNCONFIRMED, LOCAL, DEFAULT,
// SUPPLIED or EXAMPLE), "qualifier" ("press", "provincial", ...), "scope"
// ("national", a province code "43" or a county code "450206"), "from" and
// "to" ("2018", "2020-05" or "2020-05-11", only where the sources date the
// rule) and "note". An UNCONFIRMED record carries no values.
//
// A lookup by ID ([Lookup]) serves a LOCAL record wherever the caller
// applies it; a lookup by region ([LookupIn]) serves national records and
// those whose scope covers the province (a county's rule covers no
// province). SECONDARY records need AcceptSecondary, UNCONFIRMED ones are
// never served, and a rule asked for outside its period is
// [poverty.ErrNotInForce]. Reasons cite the record as "id: source
// [label]" ([poverty.Provenance.Cite]); [Rules] and [RuleFor] list the
// reason codes and what each test says.
//
// # Limits
//
// Months worked count whole calendar months from the first day held, as
// [Service] documents; overlapping jobs count their days once in the
// stability test but their months each in the transfer test. Wages are
// gross monthly pay as recorded; the administrative rule that migrant wages
// are counted net of living costs away from home is the caller's to apply.
// A workshop's "benefit without employment" (Guangxi) and a business licence
// as stable employment are not modelled.
package labor
