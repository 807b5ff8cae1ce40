# core/simulation: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    simulation/bestfixed.cpp
    simulation/bestfixed.h
    simulation/experiment.cpp
    simulation/experiment.h
    simulation/experimentruns.cpp
    simulation/experimentruns.h
    simulation/fidelity.cpp
    simulation/fidelity.h
    simulation/liverunner.cpp
    simulation/liverunner.h
    simulation/oracle.cpp
    simulation/oracle.h
    simulation/policyrun.cpp
    simulation/policyrun.h
    simulation/requestscsv.cpp
    simulation/requestscsv.h
    simulation/servingsimulator.cpp
    simulation/servingsimulator.h
    simulation/servingstep.cpp
    simulation/servingstep.h
    simulation/simulationresult.cpp
    simulation/simulationresult.h
)
