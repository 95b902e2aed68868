// Package children classifies and follows left-behind and de facto
// unattended children (留守儿童, 事实无人抚养儿童), the registries that village
// child directors (儿童主任) and township child supervisors (儿童督导员) keep.
//
// # Records
//
// A [Child] holds the child's birth date (or the one read from the
// resident identity number, always masked when printed), sex, hukou and
// region, the village and township, each [Parent]'s [Situation] since a
// date with guardianship [Capacity] and last contact, the [Guardian], the
// [Living] arrangement and [School] enrolment.
//
// # Classification
//
// Definitions are data: each [Scheme] names its document and status.
// [Default] holds the embedded schemes; [Rules.Classify] applies the
// primary scheme of each [Kind] on a date and returns a [Classification]
// whose [Result]s carry [Reason]s.
//
// # Transitions
//
// [Scheme.Transitions] and [Rules.Transitions] compare two [Snapshot]s and
// return each child who stopped or started being covered, with the
// [Causes]: a parent came home, the child turned 16, a parent's situation
// changed.
package children
