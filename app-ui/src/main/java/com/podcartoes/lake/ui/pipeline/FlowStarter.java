package com.podcartoes.lake.ui.pipeline;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.Flows;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.run.Cancellation;
import com.podcartoes.lake.run.RunListener;

/**
 * How the Pipeline screen starts flows: pipeline-core's {@link Flows}, as the CLI does. An interface only so that a
 * test can make a flow throw what no real lake can be made to throw on demand (an {@link Error}).
 */
public interface FlowStarter {
    IngestionFlow.Result ingestion(IngestionFlow.Options options, RunListener listener, Cancellation cancellation);

    ProcessingFlow.Result processing(ProcessingFlow.Options options, String backend, RunListener listener,
                                     Cancellation cancellation);

    /** The real flows on this lake. */
    static FlowStarter of(LakeContext lake) {
        return new FlowStarter() {
            @Override
            public IngestionFlow.Result ingestion(IngestionFlow.Options options, RunListener listener,
                                                  Cancellation cancellation) {
                return Flows.ingestion(lake, options, listener, cancellation);
            }

            @Override
            public ProcessingFlow.Result processing(ProcessingFlow.Options options, String backend,
                                                    RunListener listener, Cancellation cancellation) {
                return Flows.processing(lake, options, backend, listener, cancellation);
            }
        };
    }
}
