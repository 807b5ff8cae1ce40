# core/planning: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    planning/baselines.cpp
    planning/baselines.h
    planning/cascadeinspection.cpp
    planning/cascadeinspection.h
    planning/cascadeplanner.cpp
    planning/cascadeplanner.h
    planning/dominance.h
    planning/configtable.cpp
    planning/configtable.h
    planning/mdpplanner.cpp
    planning/mdpplanner.h
    planning/plannertables.cpp
    planning/plannertables.h
    planning/policy.cpp
    planning/policy.h
)
