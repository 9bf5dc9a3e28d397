package org.touchpointcrm.crmctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Function;

import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;

import picocli.CommandLine;

/**
 * crmctl run in-process as its {@code main} runs it, with what it printed. The ledger's Avro values are
 * written registry-less here (no registry in these tests); local-stack's end-to-end test uses the real one.
 *
 * @param exitCode what {@code main} would exit with
 */
public record CrmctlRun(int exitCode, String out, String err) {

    public static CrmctlRun crmctl(String... args) {
        return crmctl(registry -> CrmSerdes.withoutRegistry(), args);
    }

    /** @param serdes the serdes for the registry connection the options describe (e.g. real ones, or a spy) */
    public static CrmctlRun crmctl(Function<RegistryConnection, CrmSerdes> serdes, String... args) {
        return run(Crmctl.commandLine(serdes), args);
    }

    public static CrmctlRun run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CrmctlRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
