package com.podcartoes.lake.run;

import java.util.function.Consumer;

/** Stages for the runner's tests: a name, and a body that does (or throws) what the test needs. */
final class TestStages {
    private TestStages() {
    }

    static Stage<Stage.Outcome> stage(String flow, String name, String subject, Consumer<StageContext> body) {
        return new Stage<>() {
            public String flow() {
                return flow;
            }

            public String name() {
                return name;
            }

            public String subject() {
                return subject;
            }

            public Stage.Outcome execute(StageContext context) {
                body.accept(context);
                return new Stage.Outcome() {
                    public int files() {
                        return 0;
                    }

                    public long bytes() {
                        return 0;
                    }

                    public long records() {
                        return 7;
                    }

                    public String summary() {
                        return "done";
                    }
                };
            }
        };
    }
}
