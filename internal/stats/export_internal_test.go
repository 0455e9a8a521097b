package stats

// SetForceRaw makes s answer from the raw clicks and conversions only, for the external tests
// that compare both ways of answering.
func (s *Service) SetForceRaw(raw bool) { s.forceRaw = raw }
