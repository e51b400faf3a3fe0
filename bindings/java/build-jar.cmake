# Builds enforce.jar from the Java sources SWIG generated in its latest run
# plus the hand-written ones.  Run as a script at build time (cmake -P), so
# the list of generated files is taken now, never from a stale configure:
# a class added to or removed from the .i files is in or out of the jar.
#
# Inputs: JAVAC, JAR, GENERATED_DIR, SOURCE_DIR, CLASSES_DIR, OUTPUT.
cmake_minimum_required(VERSION 3.25)

file(GLOB generated ${GENERATED_DIR}/*.java)
file(GLOB_RECURSE handwritten ${SOURCE_DIR}/*.java)
if(NOT generated)
  message(FATAL_ERROR "build-jar: no SWIG-generated sources in ${GENERATED_DIR}")
endif()

set(argfile ${CLASSES_DIR}.sources)
list(JOIN generated "\n" lines)
list(JOIN handwritten "\n" more)
file(WRITE ${argfile} "${lines}\n${more}\n")

file(REMOVE_RECURSE ${CLASSES_DIR})
file(MAKE_DIRECTORY ${CLASSES_DIR})
execute_process(
  COMMAND ${JAVAC} --release 11 -Xlint:all -Xlint:-cast -encoding UTF-8 -d ${CLASSES_DIR} @${argfile}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build-jar: javac failed")
endif()
execute_process(COMMAND ${JAR} --create --file ${OUTPUT} -C ${CLASSES_DIR} . RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build-jar: jar failed")
endif()
