package org.touchpointcrm.localstack;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.touchpointcrm.crmctl.Crmctl;

/** crmctl run in this JVM as its {@code main} would run it, with what it printed. */
record InProcessCrmctl(int exitCode, String out, String err) {

    static InProcessCrmctl run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var crmctl = Crmctl.commandLine();
        crmctl.setOut(new PrintWriter(out, true));
        crmctl.setErr(new PrintWriter(err, true));
        int exitCode = crmctl.execute(args);
        return new InProcessCrmctl(exitCode, out.toString(), err.toString());
    }
}
