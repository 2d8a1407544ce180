package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = register(func(s *Suite) {
	Describe("Detecting the server's commands", func() {
		It("finds a command the server has and not one it lacks, by COMMAND INFO", func(ctx SpecContext) {
			Expect(serverHas(ctx, s.Main, "GET")).To(BeTrue())
			Expect(serverHas(ctx, s.Main, "object|encoding")).To(BeTrue())
			Expect(serverHas(ctx, s.Main, "nosuchcommand")).To(BeFalse())
			Expect(serverHas(ctx, s.Main, "object|nosuchsub")).To(BeFalse())
		})
	})
})
