package predict

import (
	"fmt"
	"math"
	"slices"
)

// Spread is a figure's values over several seeds: the mean, the sample
// standard deviation and the range.
type Spread struct {
	Values   []float64
	Mean, SD float64
	Min, Max float64
}

// SpreadOf summarises the values; no values give the zero Spread.
func SpreadOf(vs []float64) Spread {
	s := Spread{Values: slices.Clone(vs)}
	if len(vs) == 0 {
		return s
	}
	s.Min, s.Max = slices.Min(vs), slices.Max(vs)
	for _, v := range vs {
		s.Mean += v
	}
	s.Mean /= float64(len(vs))
	if len(vs) > 1 {
		for _, v := range vs {
			s.SD += (v - s.Mean) * (v - s.Mean)
		}
		s.SD = math.Sqrt(s.SD / float64(len(vs)-1))
	}
	return s
}

// Format prints the spread with the verb's precision: "4.02 ± 0.03
// (3.98-4.05)".
func (s Spread) Format(prec int) string {
	return fmt.Sprintf("%.*f ± %.*f (%.*f-%.*f)", prec, s.Mean, prec, s.SD, prec, s.Min, prec, s.Max)
}

// RelErr is (predicted - published) / published.
func RelErr(predicted, published float64) float64 { return (predicted - published) / published }
