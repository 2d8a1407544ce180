// Package fill gives every slot of a batch one outcome: the rule of
// ports.Backend that Exec fills every slot even when it gives up early,
// written once for the root and every adapter instead of a loop in each.
//
// It imports only ports: it knows nothing of any driver.
package fill
