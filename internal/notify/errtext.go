package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
)

// Text is what the delivery log and the "send test" result say went wrong with r, for the
// publisher to read: "" when delivered, "HTTP <status> <text>" for an unaccepted answer, and
// for a call that got no answer a fixed description of the failure (PublicError).
func (r Result) Text() string {
	switch {
	case r.Err != nil:
		return PublicError(r.Err)
	case r.Delivered():
		return ""
	default:
		return "HTTP " + strconv.Itoa(r.Status) + " " + http.StatusText(r.Status)
	}
}

// PublicError describes a failed call in words safe to show to a publisher. The errors of
// net and net/http name the server's own side of the call — the DNS resolver it asked
// ("lookup x on 10.0.0.2:53"), its local address ("read tcp 10.1.2.3:51234->…"), the
// address a forbidden host name resolved to — and quote the whole URL, secrets included.
// PublicError keeps only the kind of failure and what the publisher configured (the host
// name it looked up); the delivery worker logs the full error at debug level.
func PublicError(err error) string {
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		hostErr x509.HostnameError
		authErr x509.UnknownAuthorityError
		invErr  x509.CertificateInvalidError
		recErr  tls.RecordHeaderError
	)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrForbiddenAddress):
		return ErrForbiddenAddress.Error() + ": the host is a private, loopback, link-local or reserved address"
	case errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrForbiddenRedirect),
		errors.Is(err, ErrInvalidURL), errors.Is(err, ErrUnknownMethod):
		// Ours, and they name nothing of the server's: the innermost of these is the message.
		for _, known := range []error{ErrTooManyRedirects, ErrForbiddenRedirect, ErrInvalidURL, ErrUnknownMethod} {
			if errors.Is(err, known) {
				return ownMessage(err, known)
			}
		}
	case errors.As(err, &dnsErr):
		switch {
		case dnsErr.IsNotFound:
			return "DNS: no such host " + strconv.Quote(dnsErr.Name)
		case dnsErr.IsTimeout:
			return "DNS: lookup of " + strconv.Quote(dnsErr.Name) + " timed out"
		default:
			return "DNS: lookup of " + strconv.Quote(dnsErr.Name) + " failed"
		}
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "timeout: no answer in time"
	case errors.Is(err, context.Canceled):
		return "cancelled: the server was stopping"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "connection reset by the receiver"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	case errors.As(err, &hostErr):
		return "TLS: the certificate is not valid for " + strconv.Quote(hostErr.Host)
	case errors.As(err, &authErr):
		return "TLS: the certificate is signed by an unknown authority"
	case errors.As(err, &invErr):
		return "TLS: the certificate is not valid (expired or not yet valid, or not for a server)"
	case errors.As(err, &certErr):
		return "TLS: the certificate could not be verified"
	case errors.As(err, &recErr):
		return "TLS: the receiver does not speak TLS on this port"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by the receiver before a full answer"
	}
	return "connection failed"
}

// ownMessage is err's message from the known error on: what wrapped it (net/http's
// `Get "URL": …`, the dialer's addresses) is left out.
func ownMessage(err, known error) string {
	msg := known.Error()
	for e := err; e != nil && e != known; e = errors.Unwrap(e) {
		var ue *url.Error
		if !errors.As(e, &ue) || ue != e {
			msg = e.Error()
			break
		}
	}
	return msg
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
